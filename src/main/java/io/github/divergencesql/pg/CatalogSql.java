package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A client's statement translated for the catalog database ({@link PgCatalog}), on top of what
 * {@link PgSql} does for every engine: its {@code information_schema} (kept as
 * {@code pg_info}), {@code regclass}-style casts, the session's user and the 0-based subscripts
 * of {@code int2vector} columns.
 */
final class CatalogSql {
  private CatalogSql() {}

  /** Catalog array columns the catalog never fills (options and access lists): always NULL. */
  private static final Set<String> NULL_ARRAYS = Set.of("reloptions", "attoptions",
      "attfdwoptions", "ftoptions", "srvoptions", "fdwoptions", "umoptions", "proconfig",
      "spcoptions", "relacl", "attacl", "nspacl", "datacl", "proacl", "typacl", "lanacl",
      "defaclacl", "initprivs", "rolconfig", "useconfig");

  /** The catalog's boolean columns, read from its definition. */
  private static final Set<String> BOOLEAN_COLUMNS = booleanColumns();

  /** Functions H2 has under PostgreSQL's name with another meaning: ours under another name. */
  private static final Map<String, String> RENAMED = Map.of("quote_ident", "pg_quote_ident");

  private static Set<String> booleanColumns() {
    Set<String> names = new java.util.HashSet<>();
    try (java.io.InputStream in = CatalogSql.class.getResourceAsStream("pg_catalog.sql")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+) BOOLEAN")
          .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      while (m.find()) {
        names.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return names;
  }

  /**
   * Whether the literal at {@code i} is compared with a boolean catalog column
   * ({@code attnotnull = 't'}, {@code CASE a.attnotnull WHEN 't'}): PostgreSQL reads 't' as
   * true there, H2 does not compare a boolean with text.
   */
  private static boolean comparedWithBoolean(List<Token> in, int i) {
    int op = PgSql.previousIndex(in, i);
    if (op < 0) {
      return false;
    }
    if (in.get(op).is("=") || in.get(op).is("<>") || in.get(op).is("!=")) {
      int subject = PgSql.previousIndex(in, op);
      return subject >= 0 && in.get(subject).isName()
          && BOOLEAN_COLUMNS.contains(in.get(subject).value());
    }
    if (in.get(op).is("when")) {
      int depth = 0;
      for (int k = op - 1; k >= 0; k--) {
        Token t = in.get(k);
        if (t.is(")")) {
          depth++;
        } else if (t.is("(")) {
          if (depth-- == 0) {
            return false;
          }
        } else if (depth == 0 && t.is("case")) {
          int subject = SqlTokens.nextSolid(in, k + 1);
          int end = subject;
          while (end < in.size() && !in.get(end).is("when")) {
            end++;
          }
          int last = PgSql.previousIndex(in, end);
          return last >= subject && in.get(last).isName()
              && BOOLEAN_COLUMNS.contains(in.get(last).value());
        }
      }
    }
    return false;
  }

  /** What the catalog database runs for {@code sql}. */
  static String forCatalog(String sql, String user, String database, String schema) {
    String rows = SqlTokens.join(SetReturning.rewrite(SqlTokens.of(sql)));
    String scoped = SqlTokens.join(JoinScope.qualify(SqlTokens.of(rows)));
    List<Token> in = aliasColumns(PgCasts.castsAsColons(SqlTokens.of(scoped)));
    String[] clause = clauses(in);
    List<String> out = new ArrayList<>();
    int depth = 0;
    for (int i = 0; i < in.size(); i++) {
      Token t = in.get(i);
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      }
      int next = SqlTokens.nextSolid(in, i + 1);
      Token after = next < in.size() ? in.get(next) : null;
      Token before = previous(in, i);
      boolean qualifier = after != null && after.is(".");
      if (t.isName() && t.value().equals("pg_catalog") && qualifier) {
        i = next; // the catalog database finds pg_catalog on its search path
        continue;
      }
      if (t.isName() && t.value().equals("information_schema")) {
        out.add("pg_info");
        continue;
      }
      if (t.kind() == Kind.WORD && !qualifier && (before == null || !before.is("."))
          && (after == null || !after.is("("))) {
        String value = switch (t.value()) {
          case "current_user", "session_user", "user", "current_role" -> user;
          case "current_catalog" -> database;
          case "current_schema" -> schema;
          default -> null;
        };
        if (value != null) {
          out.add(SqlTokens.literal(value) + selectItemName(in, i, clause, t.value()));
          continue;
        }
      }
      if (t.kind() == Kind.WORD && t.value().equals("current_schema") && after != null
          && after.is("(")) {
        int close = SqlTokens.nextSolid(in, next + 1);
        if (close < in.size() && in.get(close).is(")")) {
          out.add(SqlTokens.literal(schema) + selectItemName(in, close, clause, "current_schema"));
          i = close;
          continue;
        }
      }
      if (t.kind() == Kind.WORD && t.value().equals("pg_partition_ancestors")
          && !clause[i].equals("from")) {
        out.add("pg_partition_self"); // one row, the table itself, where a value is wanted
        continue;
      }
      if (t.kind() == Kind.WORD && t.value().equals("pg_partition_ancestors") && after != null
          && after.is("(")) {
        int close = SqlTokens.closing(in, next);
        boolean correlated = false;
        for (int k = next; k < close; k++) {
          correlated |= in.get(k).isName();
        }
        if (correlated) {
          // H2 cannot correlate a table function's argument; with no partitioned tables the
          // only ancestor of a table is itself, which such a query (psql's parent trigger
          // lookup) never needs: no rows
          out.add("(SELECT CAST(NULL AS INT) AS relid, CAST(NULL AS BIGINT) AS depth "
              + "FROM pg_am WHERE FALSE)");
          int j = SqlTokens.nextSolid(in, close + 1);
          if (j + 2 < in.size() && in.get(j).is("with")
              && in.get(SqlTokens.nextSolid(in, j + 1)).is("ordinality")) {
            close = SqlTokens.nextSolid(in, j + 1);
          }
          i = close;
          continue;
        }
      }
      if (t.is("::") && clause[i].equals("select") && wholeSelectItem(in, i, out)) {
        int last = PgCasts.typeNameEnd(in, i);
        String type = in.get(last).isName() ? in.get(last).value() : null;
        int j = SqlTokens.nextSolid(in, last + 1);
        if (type != null && PgCasts.OID_CASTS.contains(type)
            && (j >= in.size() || !in.get(j).is("["))) {
          // a whole select item cast to regclass, regtype...: shown by name, as PostgreSQL does
          int start = PgCasts.operandStart(out);
          String operand = String.join("", out.subList(start, out.size()));
          out.subList(start, out.size()).clear();
          out.add((type.equals("regprocedure") ? "regproc" : type) + "_out(" + operand + ")");
          i = last;
          continue;
        }
      }
      if (t.isName() && NULL_ARRAYS.contains(t.value()) && depth > 0
          && (after == null || !after.is("("))) {
        // an array column the catalog never fills, inside an expression: NULL itself, since H2
        // cannot correlate a table function's argument (unnest(tc.reloptions))
        if (out.size() >= 2 && out.get(out.size() - 1).equals(".")
            && out.get(out.size() - 2).equals(qualifierOf(in, i))) {
          out.subList(out.size() - 2, out.size()).clear();
        }
        out.add("CAST(NULL AS VARCHAR ARRAY)");
        continue;
      }
      if (t.kind() == Kind.STRING && List.of("t", "f", "true", "false").contains(
          t.value().toLowerCase(Locale.ROOT)) && comparedWithBoolean(in, i)) {
        out.add(t.value().toLowerCase(Locale.ROOT).startsWith("t") ? "TRUE" : "FALSE");
        continue;
      }
      if (t.kind() == Kind.STRING && t.value().startsWith("{") && t.value().endsWith("}")
          && before != null && (before.is("=") || before.is("<>") || before.is("!="))) {
        out.add(PgCasts.arrayLiteral(t.value())); // '{0}' compared with an array column
        continue;
      }
      if (t.is("[") && before != null && (before.isName() || before.is(")") || before.is("]"))
          && !before.is("array")) {
        // a subscript: NULL out of range, as in PostgreSQL (H2's a[i] fails there); an
        // int2vector or oidvector counts from 0, the catalog's arrays from 1
        int close = i;
        int level = 0;
        for (; close < in.size(); close++) {
          if (in.get(close).is("[")) {
            level++;
          } else if (in.get(close).is("]") && --level == 0) {
            break;
          }
        }
        if (close < in.size()) {
          String index = forCatalog(SqlTokens.join(in.subList(i + 1, close)), user, database,
              schema);
          boolean zeroBased = before.isName() && PgCasts.ZERO_BASED.contains(before.value());
          int start = PgCasts.operandStart(out);
          String operand = String.join("", out.subList(start, out.size()));
          out.subList(start, out.size()).clear();
          String at = zeroBased ? "(" + index + ") + 1" : "(" + index + ")";
          out.add("(CASE WHEN " + at + " BETWEEN 1 AND CARDINALITY(" + operand + ") THEN ("
              + operand + ")[" + at + "] END)");
          i = close;
          continue;
        }
      }
      if (t.is("&") && after != null) {
        // bitwise and: H2's BITAND; the right operand is one term, possibly cast
        int end = next;
        if (in.get(end).is("(")) {
          end = SqlTokens.closing(in, end);
        }
        int cast = SqlTokens.nextSolid(in, end + 1);
        if (cast < in.size() && in.get(cast).is("::")) {
          end = PgCasts.typeNameEnd(in, cast);
        }
        String right = forCatalog(SqlTokens.join(in.subList(next, end + 1)), user, database,
            schema);
        int start = PgCasts.operandStart(out);
        String left = String.join("", out.subList(start, out.size()));
        out.subList(start, out.size()).clear();
        out.add("BITAND(" + left + ", " + right + ")");
        i = end;
        continue;
      }
      if (t.kind() == Kind.WORD && after != null && after.is("(")
          && RENAMED.containsKey(t.value())) {
        out.add(RENAMED.get(t.value()));
        continue;
      }
      i = PgSql.common(in, i, out, true, true);
    }
    return String.join("", out);
  }

  /**
   * The clause each token stands in at its own parenthesis level: {@code select} (the select
   * list), {@code from}, or {@code other}.
   */
  private static String[] clauses(List<Token> in) {
    String[] clause = new String[in.size()];
    java.util.ArrayDeque<String> state = new java.util.ArrayDeque<>();
    state.push("other");
    for (int i = 0; i < in.size(); i++) {
      Token t = in.get(i);
      if (t.is("(")) {
        clause[i] = state.peek();
        state.push("other");
        continue;
      }
      if (t.is(")")) {
        if (state.size() > 1) {
          state.pop();
        }
        clause[i] = state.peek();
        continue;
      }
      if (t.kind() == Kind.WORD) {
        switch (t.value()) {
          case "select" -> replaceTop(state, "select");
          case "from", "join" -> replaceTop(state, "from");
          case "where", "group", "order", "having", "limit", "union", "values", "into", "offset",
              "window", "except", "intersect", "returning", "on" -> replaceTop(state, "other");
          default -> { }
        }
      }
      clause[i] = state.peek();
    }
    return clause;
  }

  private static void replaceTop(java.util.ArrayDeque<String> state, String value) {
    state.pop();
    state.push(value);
  }

  /** Whether the cast at {@code i} ends a select item that it makes up alone. */
  private static boolean wholeSelectItem(List<Token> in, int i, List<String> out) {
    int start = PgCasts.operandStart(out);
    int k = start - 1;
    while (k >= 0 && out.get(k).isBlank()) {
      k--;
    }
    String before = k < 0 ? "" : out.get(k).strip().toLowerCase(Locale.ROOT);
    if (!before.equals(",") && !before.equals("select") && !before.equals("distinct")) {
      return false;
    }
    int j = SqlTokens.nextSolid(in, PgCasts.typeNameEnd(in, i) + 1);
    if (j >= in.size()) {
      return true;
    }
    Token after = in.get(j);
    return after.is(",") || after.is(";") || after.is("as") || after.is("from")
        || after.kind() == Kind.WORD && !List.of("and", "or", "is", "in", "not", "like",
            "between").contains(after.value());
  }

  /**
   * {@code AS "name"} when the token at {@code last} ends a select item that has no alias:
   * PostgreSQL names {@code SELECT session_user} session_user.
   */
  private static String selectItemName(List<Token> in, int last, String[] clause, String name) {
    if (!clause[last].equals("select")) {
      return "";
    }
    int j = SqlTokens.nextSolid(in, last + 1);
    boolean ends = j >= in.size() || in.get(j).is(",") || in.get(j).is(";")
        || in.get(j).is("from") || in.get(j).is(")");
    return ends ? " AS " + SqlTokens.quotedName(name) : "";
  }

  /** The qualifier text written before the name at {@code i} ({@code c} of {@code c.x}), or "". */
  private static String qualifierOf(List<Token> in, int i) {
    int dot = i - 1;
    if (dot >= 1 && in.get(dot).is(".") && in.get(dot - 1).isName()) {
      return in.get(dot - 1).text();
    }
    return "\u0000";
  }

  /**
   * PostgreSQL names the column of {@code unnest(a) x} or {@code generate_series(0, 3) s} after
   * its alias; H2 names it C1 or GENERATE_SERIES: the alias gets a column list, {@code x(x)}.
   */
  private static List<Token> aliasColumns(List<Token> in) {
    List<Token> out = new ArrayList<>(in);
    String[] clause = clauses(in);
    for (int i = out.size() - 1; i >= 0; i--) {
      Token t = out.get(i);
      if (!clause[i].equals("from")) {
        continue;
      }
      if (t.kind() != Kind.WORD || !(t.value().equals("unnest")
          || t.value().equals("generate_series") || t.value().equals("_pg_expandarray"))) {
        continue;
      }
      int open = SqlTokens.nextSolid(out, i + 1);
      if (open >= out.size() || !out.get(open).is("(")) {
        continue;
      }
      int depth = 0;
      int close = open;
      for (; close < out.size(); close++) {
        if (out.get(close).is("(")) {
          depth++;
        } else if (out.get(close).is(")") && --depth == 0) {
          break;
        }
      }
      int j = SqlTokens.nextSolid(out, close + 1);
      if (j < out.size() && out.get(j).is("as")) {
        j = SqlTokens.nextSolid(out, j + 1);
      }
      if (j >= out.size() || out.get(j).kind() != Kind.WORD || List.of("with", "where", "on",
          "join", "left", "order", "group", "union", "limit", "cross", "inner", "from", "as",
          "and", "or", "then", "else", "end", "is").contains(out.get(j).value())
          || t.value().equals("_pg_expandarray")) {
        continue;
      }
      int k = SqlTokens.nextSolid(out, j + 1);
      if (k < out.size() && (out.get(k).is("(") || out.get(k).is("."))) {
        continue;
      }
      Token alias = out.get(j);
      out.add(j + 1, new Token(Kind.PUNCT, "(" + alias.text() + ")", "(" + alias.text() + ")"));
    }
    return out;
  }

  private static Token previous(List<Token> in, int i) {
    int j = i - 1;
    while (j >= 0 && in.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j >= 0 ? in.get(j) : null;
  }
}
