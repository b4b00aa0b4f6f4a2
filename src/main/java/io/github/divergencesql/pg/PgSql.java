package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A client's statement in PostgreSQL's syntax, translated token by token (never inside a string
 * literal, quoted name or comment) for the engine that runs it: {@code x::type} casts as
 * {@code CAST(x AS type)} with PostgreSQL's type names, {@code E'...'} strings, the regular
 * expression operators ({@code ~}, {@code !~}, {@code ~*}, {@code ~~}), {@code OPERATOR(...)},
 * {@code COLLATE}, and for the catalog database its {@code information_schema} (kept as
 * {@code pg_info}), {@code regclass}-style casts, the session's user and the 0-based subscripts
 * of {@code int2vector} columns.
 */
final class PgSql {
  /** Catalog columns PostgreSQL keeps as 0-based vectors (int2vector, oidvector). */
  private static final Set<String> ZERO_BASED = Set.of("indkey", "indclass", "indoption",
      "indcollation", "i_indoption");
  private static final Set<String> OID_CASTS = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole", "regoper", "regconfig");
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("text", "VARCHAR"), Map.entry("name", "VARCHAR"), Map.entry("varchar", "VARCHAR"),
      Map.entry("bpchar", "CHAR"), Map.entry("char", "CHAR"), Map.entry("int2vector", "VARCHAR"),
      Map.entry("oidvector", "VARCHAR"), Map.entry("pg_node_tree", "VARCHAR"),
      Map.entry("sql_identifier", "VARCHAR"), Map.entry("character_data", "VARCHAR"),
      Map.entry("yes_or_no", "VARCHAR"), Map.entry("cstring", "VARCHAR"),
      Map.entry("anyarray", "VARCHAR"), Map.entry("aclitem", "VARCHAR"),
      Map.entry("oid", "INT"), Map.entry("int4", "INT"), Map.entry("integer", "INT"),
      Map.entry("int", "INT"), Map.entry("cardinal_number", "INT"), Map.entry("xid", "BIGINT"),
      Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"),
      Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"), Map.entry("xid8", "BIGINT"),
      Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
      Map.entry("float8", "DOUBLE PRECISION"), Map.entry("float4", "REAL"),
      Map.entry("real", "REAL"), Map.entry("numeric", "DECIMAL"), Map.entry("decimal", "DECIMAL"),
      Map.entry("timestamptz", "TIMESTAMP WITH TIME ZONE"), Map.entry("date", "DATE"),
      Map.entry("timestamp", "TIMESTAMP"), Map.entry("time", "TIME"),
      Map.entry("bytea", "VARBINARY"), Map.entry("json", "VARCHAR"),
      Map.entry("jsonb", "VARCHAR"), Map.entry("uuid", "UUID"));

  /** Catalog array columns the catalog never fills (options and access lists): always NULL. */
  private static final Set<String> NULL_ARRAYS = Set.of("reloptions", "attoptions",
      "attfdwoptions", "ftoptions", "srvoptions", "fdwoptions", "umoptions", "proconfig",
      "spcoptions", "relacl", "attacl", "nspacl", "datacl", "proacl", "typacl", "lanacl",
      "defaclacl", "initprivs", "rolconfig", "useconfig");

  /** H2's reserved words (its documentation, "Keywords / Reserved Words"), quoted as aliases. */
  private static final Set<String> H2_RESERVED = Set.of("all", "and", "any", "array", "as",
      "asymmetric", "authorization", "between", "both", "case", "cast", "check", "constraint",
      "cross", "current_catalog", "current_date", "current_path", "current_role",
      "current_schema", "current_time", "current_timestamp", "current_user", "day", "default",
      "distinct", "else", "end", "except", "exists", "false", "fetch", "for", "foreign", "from",
      "full", "group", "groups", "having", "hour", "if", "ilike", "in", "inner", "intersect",
      "interval", "is", "join", "key", "leading", "left", "like", "limit", "localtime",
      "localtimestamp", "minus", "minute", "month", "natural", "not", "null", "offset", "on",
      "or", "order", "over", "partition", "primary", "qualify", "range", "regexp", "right", "row",
      "rownum", "rows", "second", "select", "session_user", "set", "some", "symmetric",
      "system_user", "table", "to", "top", "trailing", "true", "uescape", "union", "unique",
      "unknown", "user", "using", "value", "values", "when", "where", "window", "with", "year",
      "_rowid_");

  /** The catalog's boolean columns, read from its definition. */
  private static final Set<String> BOOLEAN_COLUMNS = booleanColumns();

  /** Functions H2 has under PostgreSQL's name with another meaning: ours under another name. */
  private static final Map<String, String> RENAMED = Map.of("quote_ident", "pg_quote_ident");

  private PgSql() {}

  private static Set<String> booleanColumns() {
    Set<String> names = new java.util.HashSet<>();
    try (java.io.InputStream in = PgSql.class.getResourceAsStream("pg_catalog.sql")) {
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
    int op = previousIndex(in, i);
    if (op < 0) {
      return false;
    }
    if (in.get(op).is("=") || in.get(op).is("<>") || in.get(op).is("!=")) {
      int subject = previousIndex(in, op);
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
          int last = previousIndex(in, end);
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
    List<Token> in = aliasColumns(castsAsColons(SqlTokens.of(scoped)));
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
        int last = typeNameEnd(in, i);
        String type = in.get(last).isName() ? in.get(last).value() : null;
        int j = SqlTokens.nextSolid(in, last + 1);
        if (type != null && OID_CASTS.contains(type) && (j >= in.size() || !in.get(j).is("["))) {
          // a whole select item cast to regclass, regtype...: shown by name, as PostgreSQL does
          int start = operandStart(out);
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
        out.add(arrayLiteral(t.value())); // '{0}' compared with an array column
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
          boolean zeroBased = before.isName() && ZERO_BASED.contains(before.value());
          int start = operandStart(out);
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
          end = typeNameEnd(in, cast);
        }
        String right = forCatalog(SqlTokens.join(in.subList(next, end + 1)), user, database,
            schema);
        int start = operandStart(out);
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
      i = common(in, i, out, true, true);
    }
    return String.join("", out);
  }

  /** What the served engine runs for {@code sql}; {@code names} maps a quoted name. */
  static String forEngine(String sql, UnaryOperator<String> names) {
    return forEngine(sql, names, true);
  }

  /**
   * What the served engine runs for {@code sql}; {@code names} maps a quoted name; {@code h2}:
   * the regular-expression operators become H2's REGEXP (Calcite's PostgreSQL library takes
   * PostgreSQL's own).
   */
  static String forEngine(String sql, UnaryOperator<String> names, boolean h2) {
    List<Token> in = castsAsColons(SqlTokens.of(sql));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Token t = in.get(i);
      if (t.kind() == Kind.QUOTED) {
        String stored = names.apply(t.value());
        out.add(stored.equals(t.value()) ? t.text() : SqlTokens.quotedName(stored));
        continue;
      }
      i = common(in, i, out, false, h2);
    }
    return String.join("", out);
  }

  /**
   * The translations both engines need, for the token at {@code i}; returns the index of the
   * last token consumed.
   */
  private static int common(List<Token> in, int i, List<String> out, boolean catalog,
      boolean operators) {
    Token t = in.get(i);
    int next = SqlTokens.nextSolid(in, i + 1);
    Token after = next < in.size() ? in.get(next) : null;
    if (t.kind() == Kind.STRING && t.text().length() > 0 && t.text().charAt(0) != '\'') {
      // E'...' and $$...$$ as a standard literal
      if (after != null && after.is("::") && arrayCastAfter(in, next)) {
        out.add(arrayLiteral(t.value()));
        return skipCast(in, next);
      }
      out.add(SqlTokens.literal(t.value()));
      return i;
    }
    if (t.kind() == Kind.STRING && after != null && after.is("::") && arrayCastAfter(in, next)) {
      out.add(arrayLiteral(t.value()));
      return skipCast(in, next);
    }
    if (t.kind() == Kind.WORD && t.value().equals("operator") && after != null
        && after.is("(")) {
      // OPERATOR(pg_catalog.~): the operator alone
      int j = next + 1;
      StringBuilder op = new StringBuilder();
      while (j < in.size() && !in.get(j).is(")")) {
        if (in.get(j).kind() == Kind.OPERATOR) {
          op.append(in.get(j).text());
        }
        j++;
      }
      out.add(operators ? operator(op.toString(), catalog) : op.toString());
      return j;
    }
    if (t.kind() == Kind.OPERATOR) {
      out.add(operators ? operator(t.text(), catalog) : t.text());
      return i;
    }
    if (t.kind() == Kind.WORD && t.value().equals("collate") && after != null) {
      // collations: the engine's own
      int j = next;
      while (j + 2 < in.size() && in.get(j + 1).is(".")) {
        j += 2;
      }
      return j;
    }
    if (t.is("::") && after != null) {
      return cast(in, i, out, catalog);
    }
    int afterAlias = next < in.size() ? SqlTokens.nextSolid(in, next + 1) : in.size();
    if (t.is("as") && after != null && after.kind() == Kind.WORD
        && H2_RESERVED.contains(after.value()) && (afterAlias >= in.size()
            || List.of(",", ")", ";", "from", "where", "join", "inner", "left", "right", "full",
                "cross", "on", "group", "order", "union", "limit").stream()
                .anyMatch(in.get(afterAlias)::is))) {
      // an alias ends its item: AS select, but not CREATE TABLE t AS SELECT 1
      // PostgreSQL takes any word as an alias after AS (pgcli: AS default); H2 needs it quoted
      out.add(t.text());
      out.add(SqlTokens.join(in.subList(i + 1, next)));
      out.add(SqlTokens.quotedName(after.value()));
      return next;
    }
    out.add(t.text());
    return i;
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
    int start = operandStart(out);
    int k = start - 1;
    while (k >= 0 && out.get(k).isBlank()) {
      k--;
    }
    String before = k < 0 ? "" : out.get(k).strip().toLowerCase(Locale.ROOT);
    if (!before.equals(",") && !before.equals("select") && !before.equals("distinct")) {
      return false;
    }
    int j = SqlTokens.nextSolid(in, typeNameEnd(in, i) + 1);
    if (j >= in.size()) {
      return true;
    }
    Token after = in.get(j);
    return after.is(",") || after.is(";") || after.is("as") || after.is("from")
        || after.kind() == Kind.WORD && !List.of("and", "or", "is", "in", "not", "like",
            "between").contains(after.value());
  }

  /**
   * {@code CAST(x AS type)} written as {@code (x)::type}, so that one translation of casts
   * serves both spellings.
   */
  static List<Token> castsAsColons(List<Token> tokens) {
    List<Token> in = new ArrayList<>(tokens);
    for (int i = 0; i < in.size(); i++) {
      if (!in.get(i).is("cast")) {
        continue;
      }
      int open = SqlTokens.nextSolid(in, i + 1);
      if (open >= in.size() || !in.get(open).is("(")) {
        continue;
      }
      int close = SqlTokens.closing(in, open);
      int as = SqlTokens.atTopLevel(in, open, close, "as");
      if (as < 0 || !in.get(close).is(")")) {
        continue;
      }
      List<Token> type = new ArrayList<>(in.subList(as + 1, close));
      List<Token> operand = new ArrayList<>(in.subList(open, as));
      List<Token> replaced = new ArrayList<>(operand);
      replaced.add(new Token(Kind.PUNCT, ")", ")"));
      replaced.add(new Token(Kind.PUNCT, "::", "::"));
      replaced.addAll(type);
      in.subList(i, close + 1).clear();
      in.addAll(i, replaced);
    }
    return in;
  }

  /** The index of the last token of the (possibly qualified) type name after the cast at i. */
  private static int typeNameEnd(List<Token> in, int i) {
    int j = SqlTokens.nextSolid(in, i + 1);
    while (j < in.size() && in.get(j).isName()) {
      int k = SqlTokens.nextSolid(in, j + 1);
      if (k < in.size() && in.get(k).is(".")) {
        j = SqlTokens.nextSolid(in, k + 1);
      } else {
        return j;
      }
    }
    return Math.min(j, in.size() - 1);
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

  private static String operator(String op, boolean catalog) {
    return switch (op) {
      case "~" -> " REGEXP ";
      case "!~" -> " NOT REGEXP ";
      case "~*" -> " REGEXP '(?i)' || ";
      case "!~*" -> " NOT REGEXP '(?i)' || ";
      case "~~" -> " LIKE ";
      case "!~~" -> " NOT LIKE ";
      case "~~*" -> " ILIKE ";
      case "!~~*" -> " NOT ILIKE ";
      default -> op;
    };
  }

  /** {@code operand::type}: the operand already in {@code out} wrapped in a CAST. */
  private static int cast(List<Token> in, int i, List<String> out, boolean catalog) {
    int j = SqlTokens.nextSolid(in, i + 1);
    StringBuilder type = new StringBuilder();
    String name = null;
    // a possibly qualified type name, then (n[, m]) and [] suffixes
    while (j < in.size()) {
      Token t = in.get(j);
      if (!t.isName()) {
        break;
      }
      name = t.value();
      int k = SqlTokens.nextSolid(in, j + 1);
      if (k < in.size() && in.get(k).is(".")) {
        j = SqlTokens.nextSolid(in, k + 1);
        continue;
      }
      j = k;
      break;
    }
    if (name == null) {
      out.add("::");
      return i;
    }
    // two-word names: double precision, character varying, timestamp with time zone
    int k = j;
    List<String> words = new ArrayList<>();
    words.add(name);
    while (k < in.size() && in.get(k).kind() == Kind.WORD && List.of("precision", "varying",
        "with", "without", "time", "zone").contains(in.get(k).value())) {
      words.add(in.get(k).value());
      k = SqlTokens.nextSolid(in, k + 1);
    }
    String modifier = "";
    if (k < in.size() && in.get(k).is("(")) {
      int close = k;
      while (close < in.size() && !in.get(close).is(")")) {
        close++;
      }
      modifier = SqlTokens.join(in.subList(k, Math.min(close + 1, in.size())));
      k = SqlTokens.nextSolid(in, close + 1);
    }
    boolean array = false;
    if (k + 1 < in.size() && in.get(k).is("[") && in.get(SqlTokens.nextSolid(in, k + 1)).is("]")) {
      array = true;
      k = SqlTokens.nextSolid(in, SqlTokens.nextSolid(in, k + 1) + 1);
    }
    int last = previousIndex(in, k);
    int start = operandStart(out);
    String operand = String.join("", out.subList(start, out.size()));
    out.subList(start, out.size()).clear();
    String full = String.join(" ", words);
    if (catalog && name.equals("regtype") && array) {
      out.add("regtype_array(" + operand + ")"); // shown by name, as regtype[] prints
      return last;
    }
    if (catalog && !array && (mapped(name, words).equals("VARCHAR"))
        && operand.strip().matches("(?s)reg(type|class|namespace|proc)\\(.*")) {
      // x::regtype::text is the type's name
      out.add(operand.strip().replaceFirst("^reg(type|class|namespace|proc)\\(", "reg$1_out("));
      return last;
    }
    if (catalog && OID_CASTS.contains(name) && !array) {
      String function = name.equals("regprocedure") ? "regproc" : name;
      out.add(function + "(" + operand + ")");
      return last;
    }
    String mapped = words.size() > 1 ? full.toUpperCase(Locale.ROOT)
        : TYPES.getOrDefault(name, name.toUpperCase(Locale.ROOT));
    if (OID_CASTS.contains(name)) {
      mapped = "INT";
    }
    String lastName = operand.strip().replaceAll(".*[.\\s(]", "").toLowerCase(Locale.ROOT);
    if (catalog && !array && mapped.equals("VARCHAR") && ZERO_BASED.contains(lastName)) {
      out.add("int2vector_out(" + operand + ")"); // indkey::text is "1 2" in PostgreSQL
      return last;
    }
    if (array) {
      out.add("CAST(" + operand + " AS " + mapped + " ARRAY)");
    } else {
      out.add("CAST(" + operand + " AS " + mapped + modifier + ")");
    }
    return last;
  }

  private static String mapped(String name, List<String> words) {
    return words.size() > 1 ? String.join(" ", words).toUpperCase(Locale.ROOT)
        : TYPES.getOrDefault(name, name.toUpperCase(Locale.ROOT));
  }

  /** Where the operand of a {@code ::} cast starts among the translated pieces. */
  private static int operandStart(List<String> out) {
    int k = out.size() - 1;
    while (k >= 0 && out.get(k).isBlank()) {
      k--;
    }
    if (k < 0) {
      return 0;
    }
    String last = out.get(k).strip();
    if (last.equals(")") || last.equals("]")) {
      char open = last.equals(")") ? '(' : '[';
      char close = last.charAt(0);
      int depth = 0;
      for (; k >= 0; k--) {
        String piece = out.get(k).strip();
        if (piece.equals(String.valueOf(close))) {
          depth++;
        } else if (piece.equals(String.valueOf(open))) {
          depth--;
          if (depth == 0) {
            break;
          }
        }
      }
      // a function name or qualified name before the parenthesis belongs to the operand
      int j = k - 1;
      while (j >= 0 && isNamePiece(out.get(j))) {
        k = j;
        j--;
        if (j >= 0 && out.get(j).equals(".")) {
          k = j;
          j--;
        } else {
          break;
        }
      }
      if (k > 0 && out.get(k - 1).strip().equalsIgnoreCase("ARRAY")) {
        k--;
      }
      return Math.max(k, 0);
    }
    // a name, possibly qualified a.b.c, or a literal, number or parameter
    while (k > 0 && out.get(k - 1).equals(".")) {
      k -= 2;
    }
    return Math.max(k, 0);
  }

  private static boolean isNamePiece(String piece) {
    return !piece.isEmpty() && (Character.isLetter(piece.charAt(0)) || piece.charAt(0) == '_'
        || piece.charAt(0) == '"');
  }

  private static boolean arrayCastAfter(List<Token> in, int castIndex) {
    int j = SqlTokens.nextSolid(in, typeNameEnd(in, castIndex) + 1);
    return j < in.size() && in.get(j).is("[");
  }

  private static int skipCast(List<Token> in, int castIndex) {
    int j = SqlTokens.nextSolid(in, castIndex + 1);
    while (j < in.size() && !in.get(j).is("]")) {
      j++;
    }
    return j;
  }

  /** PostgreSQL's array literal {@code {a,"b c"}} as {@code ARRAY['a', 'b c']}. */
  static String arrayLiteral(String text) {
    String s = text.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> items = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        b.append(s.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (c == ',' && !quoted) {
        items.add(item(b.toString(), wasQuoted));
        b.setLength(0);
        wasQuoted = false;
      } else {
        b.append(c);
      }
    }
    if (b.length() > 0 || wasQuoted || !items.isEmpty()) {
      items.add(item(b.toString(), wasQuoted));
    }
    return "ARRAY[" + String.join(", ", items) + "]";
  }

  private static String item(String value, boolean quoted) {
    String v = quoted ? value : value.strip();
    return !quoted && v.equalsIgnoreCase("NULL") ? "NULL" : SqlTokens.literal(v);
  }

  private static int previousIndex(List<Token> in, int from) {
    int j = from - 1;
    while (j > 0 && in.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j;
  }

  private static Token previous(List<Token> in, int i) {
    int j = i - 1;
    while (j >= 0 && in.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j >= 0 ? in.get(j) : null;
  }
}
