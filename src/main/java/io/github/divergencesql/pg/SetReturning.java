package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's set-returning functions in a select list, which H2 does not have, as a join with
 * a table of ordinals: {@code SELECT unnest(a) AS k, generate_subscripts(a, 1) AS i FROM t WHERE
 * w} becomes {@code SELECT (a)[o.x] AS k, o.x AS i FROM t, pg_info."_ordinals" o WHERE
 * o.x <= CARDINALITY(a) AND (w)} (one row per element of the first array, as PostgreSQL zips
 * them), and {@code (_pg_expandarray(a)).n} or {@code .x} the position or the element. A
 * composite field {@code (r.keys).x} of such a row is {@code r.keys} itself. SQLAlchemy's and
 * pgjdbc's key and index queries are written this way.
 */
final class SetReturning {
  private static final String ORDINALS = "pg_info.\"_ordinals\"";
  private static final Set<String> FUNCTIONS = Set.of("unnest", "generate_subscripts",
      "_pg_expandarray", "generate_series");
  private static final Set<String> CLAUSE_END = Set.of("where", "group", "order", "having",
      "limit", "offset", "union", "except", "intersect", "window", "fetch", "for");

  private SetReturning() {}

  static List<Token> rewrite(List<Token> tokens) {
    List<Token> in = compositeFields(correlatedPositions(new ArrayList<>(tokens)));
    for (int round = 0; round < 32; round++) {
      if (!rewriteOne(in, round)) {
        break;
      }
    }
    return in;
  }

  /**
   * {@code (SELECT unnest(a) AS k, generate_subscripts(a, 1) AS i) x JOIN t [y] USING (k)}, where
   * {@code a} is a column of the enclosing query (pgcli's foreign-key completion): H2 cannot
   * correlate a derived table, so the positions come from the ordinals and the element is
   * matched in the join instead: {@code (SELECT o.x AS i FROM ordinals o) x JOIN t [y] ON y.k =
   * (a)[x.i] AND x.i <= CARDINALITY(a)}.
   */
  private static List<Token> correlatedPositions(List<Token> in) {
    for (int round = 0; round < 8; round++) {
      List<Integer> solid = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        if (in.get(i).kind() != Kind.SPACE) {
          solid.add(i);
        }
      }
      boolean changed = false;
      for (int p = 0; p + 3 < solid.size() && !changed; p++) {
        int[] m = matchPositions(in, solid, p);
        if (m == null) {
          continue;
        }
        // m: start, end (inclusive), then token indices of pieces
        String array = SqlTokens.join(in.subList(m[2], m[3]));
        String key = in.get(m[4]).text();
        String position = in.get(m[5]).text();
        String alias = in.get(m[6]).text();
        String table = SqlTokens.join(in.subList(m[7], m[8]));
        String tableAlias = in.get(m[9]).text();
        String text = "(SELECT o_.x AS " + position + " FROM " + ORDINALS + " o_) " + alias
            + " JOIN " + table + " ON " + tableAlias + "." + key + " = (" + array + ")["
            + alias + "." + position + "] AND " + alias + "." + position + " <= CARDINALITY("
            + array + ")";
        replace(in, m[0], m[1], text);
        changed = true;
      }
      if (!changed) {
        break;
      }
    }
    return in;
  }

  /** The pattern of {@link #correlatedPositions} at solid token p, or null. */
  private static int[] matchPositions(List<Token> in, List<Integer> solid, int p) {
    int[] k = {p};
    java.util.function.Function<Integer, Token> at = j -> j < solid.size() ? in.get(solid.get(j))
        : new Token(Kind.SPACE, "", "");
    java.util.function.Predicate<String> expect = w -> {
      if (at.apply(k[0]).is(w)) {
        k[0]++;
        return true;
      }
      return false;
    };
    if (!expect.test("(") || !expect.test("select") || !expect.test("unnest")
        || !expect.test("(")) {
      return null;
    }
    int arrayStart = solid.get(k[0]);
    while (k[0] < solid.size() && !at.apply(k[0]).is(")")) {
      k[0]++;
    }
    int arrayEnd = k[0] < solid.size() ? solid.get(k[0]) : -1;
    if (arrayEnd < 0 || !expect.test(")")) {
      return null;
    }
    expect.test("as");
    if (!at.apply(k[0]).isName()) {
      return null;
    }
    int key = solid.get(k[0]++);
    if (!expect.test(",") || !expect.test("generate_subscripts") || !expect.test("(")) {
      return null;
    }
    while (k[0] < solid.size() && !at.apply(k[0]).is(")")) {
      k[0]++;
    }
    if (!expect.test(")")) {
      return null;
    }
    expect.test("as");
    if (!at.apply(k[0]).isName()) {
      return null;
    }
    int position = solid.get(k[0]++);
    if (!expect.test(")")) {
      return null;
    }
    if (!at.apply(k[0]).isName()) {
      return null;
    }
    int alias = solid.get(k[0]++);
    if (!expect.test("join") || !at.apply(k[0]).isName()) {
      return null;
    }
    int tableStart = solid.get(k[0]);
    int tableEnd = solid.get(k[0]) + 1;
    int tableName = solid.get(k[0]++);
    while (at.apply(k[0]).is(".") && at.apply(k[0] + 1).isName()) {
      tableName = solid.get(k[0] + 1);
      tableEnd = tableName + 1;
      k[0] += 2;
    }
    int tableAlias = tableName;
    if (at.apply(k[0]).isName() && !at.apply(k[0]).is("using")) {
      tableAlias = solid.get(k[0]);
      tableEnd = tableAlias + 1;
      k[0]++;
    }
    if (!expect.test("using") || !expect.test("(")) {
      return null;
    }
    if (!at.apply(k[0]).isName() || !at.apply(k[0]).value().equals(in.get(key).value())) {
      return null;
    }
    k[0]++;
    if (!at.apply(k[0]).is(")")) {
      return null;
    }
    return new int[] {solid.get(p), solid.get(k[0]), arrayStart, arrayEnd, key, position, alias,
        tableStart, tableEnd, tableAlias};
  }

  /** {@code (name.name).x} as {@code name.name}; the row of _pg_expandarray is its element. */
  private static List<Token> compositeFields(List<Token> in) {
    for (int i = 0; i + 4 < in.size(); i++) {
      if (!in.get(i).is("(")) {
        continue;
      }
      int j = i + 1;
      int last = -1;
      while (j < in.size() && (in.get(j).isName() || in.get(j).is("."))) {
        last = j;
        j++;
      }
      if (last < 0 || !in.get(last).isName() || j + 2 >= in.size() || !in.get(j).is(")")
          || !in.get(j + 1).is(".") || !in.get(j + 2).is("x")
          || (i > 0 && in.get(i - 1).isName())) {
        continue;
      }
      in.subList(j, j + 3).clear(); // ")", ".", "x"
      in.remove(i);
    }
    return in;
  }

  private static boolean rewriteOne(List<Token> in, int round) {
    for (int s = in.size() - 1; s >= 0; s--) {
      if (!in.get(s).is("select")) {
        continue;
      }
      int listEnd = clauseEnd(in, s + 1, Set.of("from"));
      List<int[]> calls = calls(in, s + 1, listEnd);
      if (calls.isEmpty()) {
        continue;
      }
      String alias = "srf" + round + "_";
      int[] first = calls.get(0);
      String count = count(in, first);
      // replace the calls, last first, so earlier indexes hold
      for (int c = calls.size() - 1; c >= 0; c--) {
        int[] call = calls.get(c);
        String name = in.get(call[0]).value();
        String argument = text(in, call[1] + 1, firstArgumentEnd(in, call[1], call[2]));
        int from = call[3];
        int to = call[4];
        String replacement = switch (name) {
          case "generate_subscripts" -> alias + ".x";
          case "generate_series" -> "((" + argument + ") + " + alias + ".x - 1)";
          case "_pg_expandarray" -> call[5] == 'n' ? alias + ".x"
              : "(" + argument + ")[" + alias + ".x]";
          default -> "(" + argument + ")[" + alias + ".x]";
        };
        replace(in, from, to, replacement);
      }
      listEnd = clauseEnd(in, s + 1, Set.of("from"));
      String condition = alias + ".x <= " + count;
      if (listEnd < in.size() && in.get(listEnd).is("from")) {
        int fromEnd = clauseEnd(in, listEnd + 1, CLAUSE_END);
        if (fromEnd < in.size() && in.get(fromEnd).is("where")) {
          int whereEnd = clauseEnd(in, fromEnd + 1, CLAUSE_END);
          insert(in, whereEnd, ")");
          insert(in, fromEnd + 1, " " + condition + " AND (");
          insert(in, fromEnd, ", " + ORDINALS + " " + alias + " ");
        } else {
          insert(in, fromEnd, ", " + ORDINALS + " " + alias + " WHERE " + condition + " ");
        }
      } else {
        insert(in, listEnd, " FROM " + ORDINALS + " " + alias + " WHERE " + condition + " ");
      }
      return true;
    }
    return false;
  }

  /**
   * The calls of set-returning functions in [start, end) outside nested queries: {name index,
   * open, close, replace-from, replace-to, field}.
   */
  private static List<int[]> calls(List<Token> in, int start, int end) {
    List<int[]> calls = new ArrayList<>();
    for (int i = start; i < end; i++) {
      Token t = in.get(i);
      if (t.is("(") && i + 1 < end && in.get(SqlTokens.nextSolid(in, i + 1)).is("select")) {
        i = SqlTokens.closing(in, i); // a nested query: its own select list
        continue;
      }
      if (t.kind() != Kind.WORD || !FUNCTIONS.contains(t.value())) {
        continue;
      }
      int open = SqlTokens.nextSolid(in, i + 1);
      if (open >= end || !in.get(open).is("(")) {
        continue;
      }
      int close = SqlTokens.closing(in, open);
      int from = i;
      // a qualifier: information_schema._pg_expandarray
      if (from >= 2 && in.get(from - 1).is(".") && in.get(from - 2).isName()) {
        from -= 2;
      }
      int to = close;
      int field = 0;
      // (_pg_expandarray(a)).n
      int before = SqlTokens.previousSolid(in, from - 1);
      int after = SqlTokens.nextSolid(in, close + 1);
      if (before >= 0 && in.get(before).is("(") && after < in.size() && in.get(after).is(")")) {
        int dot = SqlTokens.nextSolid(in, after + 1);
        int name = SqlTokens.nextSolid(in, dot + 1);
        if (dot < in.size() && in.get(dot).is(".") && name < in.size()
            && in.get(name).isName()) {
          from = before;
          to = name;
          field = in.get(name).value().charAt(0);
        }
      }
      calls.add(new int[] {i, open, close, from, to, field});
      i = close;
    }
    return calls;
  }

  /** How many rows the call yields: its array's length, or a series' length. */
  private static String count(List<Token> in, int[] call) {
    int argumentEnd = firstArgumentEnd(in, call[1], call[2]);
    String first = text(in, call[1] + 1, argumentEnd);
    if (in.get(call[0]).value().equals("generate_series") && argumentEnd < call[2]) {
      int secondEnd = argumentEnd + 1;
      for (int depth = 0; secondEnd < call[2]; secondEnd++) {
        if (in.get(secondEnd).is("(")) {
          depth++;
        } else if (in.get(secondEnd).is(")")) {
          depth--;
        } else if (depth == 0 && in.get(secondEnd).is(",")) {
          break;
        }
      }
      String second = text(in, argumentEnd + 1, secondEnd);
      return "((" + second + ") - (" + first + ") + 1)";
    }
    return "CARDINALITY(" + first + ")";
  }

  private static int firstArgumentEnd(List<Token> in, int open, int close) {
    int comma = SqlTokens.atTopLevel(in, open, close, ",");
    return comma < 0 ? close : comma;
  }

  /** The index where the clause starting at {@code start} ends, at its own level. */
  private static int clauseEnd(List<Token> in, int start, Set<String> enders) {
    int depth = 0;
    for (int k = start; k < in.size(); k++) {
      Token t = in.get(k);
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        if (depth == 0) {
          return k;
        }
        depth--;
      } else if (depth == 0 && (t.is(";") || (t.kind() == Kind.WORD
          && (enders.contains(t.value()) || CLAUSE_END.contains(t.value()))))) {
        return k;
      }
    }
    return in.size();
  }

  private static void replace(List<Token> in, int from, int to, String text) {
    in.subList(from, to + 1).clear();
    in.add(from, new Token(Kind.PUNCT, text, text));
  }

  private static void insert(List<Token> in, int at, String text) {
    in.add(at, new Token(Kind.PUNCT, text, text));
  }

  private static String text(List<Token> in, int from, int to) {
    return SqlTokens.join(in.subList(from, to));
  }
}
