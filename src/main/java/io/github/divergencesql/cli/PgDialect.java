package io.github.divergencesql.cli;

import io.github.divergencesql.core.DivergenceFunction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link PgFront} changes in a client's query text before H2's PostgreSQL server sees it:
 * the spellings PostgreSQL clients use in their catalog probes that H2 does not parse, each
 * replaced by one H2 understands with the same meaning. Nothing else is touched.
 *
 * <ul>
 *   <li>Trailing white space after the last {@code ;}: H2 answers it as a second, empty
 *       statement, so psycopg2 (and SQLAlchemy's hstore probe) saw "no results to fetch".
 *   <li>{@code SHOW standard_conforming_strings}: SQLAlchemy asks it on every connect; H2 has
 *       no such setting, and its strings are standard ({@code 'a\b'} is three characters), so
 *       the answer is {@code on}.
 *   <li>{@code OPERATOR(pg_catalog.~)} (psql's regular-expression match, and {@code !~},
 *       {@code ~*}, {@code !~*}): H2 parses the bare operator.
 *   <li>{@code COLLATE pg_catalog.default}: the default collation, H2's anyway.
 *   <li>{@code pg_catalog.current_schemas(b)} (pgjdbc's {@code getSchemas}): the current
 *       schema as a one-element array.
 *   <li>psql's {@code \dt}, {@code \d TABLE} and {@code \df} queries, over columns and functions
 *       H2's {@code pg_catalog} lacks (owner, collation, the table's flags, the function list),
 *       and its schema filters, which compare in lower case.
 * </ul>
 */
final class PgDialect {
  private PgDialect() {}

  private record Rewrite(Pattern pattern, String replacement) {}

  private static final List<Rewrite> REWRITES = List.of(
      new Rewrite(Pattern.compile("(?is)^\\s*SHOW\\s+standard_conforming_strings\\s*;?\\s*$"),
          "SELECT 'on' AS standard_conforming_strings"),
      new Rewrite(Pattern.compile("(?i)OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*(!?~\\*?)\\s*\\)"),
          "$1"),
      new Rewrite(Pattern.compile("(?i)\\s+COLLATE\\s+pg_catalog\\s*\\.\\s*\"?default\"?"), ""),
      new Rewrite(Pattern.compile(
          "(?i)pg_catalog\\s*\\.\\s*current_schemas\\s*\\(\\s*(true|false)\\s*\\)"),
          "ARRAY[CURRENT_SCHEMA]"),
      new Rewrite(Pattern.compile(";\\s+$"), ";"),
      // psql's schema filters, for a database served with H2's upper-case names
      new Rewrite(Pattern.compile("(?i)\\bn\\.nspname <> '(information_schema|pg_catalog)'"),
          "LOWER(n.nspname) <> '$1'"),
      // psql \dt: H2's pg_class has no owner; H2 tables belong to their schema's owner
      new Rewrite(Pattern.compile("(?i)pg_catalog\\.pg_get_userbyid\\(c\\.relowner\\)"),
          "(SELECT schema_owner FROM information_schema.schemata WHERE schema_name = n.nspname)"),
      // psql \d TABLE, second query: the table's flags; none of indexes, rules, triggers or
      // inheritance is shown, so psql asks no more about them
      new Rewrite(Pattern.compile("(?is)^SELECT c\\.relchecks, c\\.relkind, c\\.relhasindex.*"
          + "WHERE c\\.oid = '(\\d+)'\\s*;?\\s*$"),
          "SELECT 0 AS relchecks, c.relkind, false AS relhasindex, false AS relhasrules, "
          + "false AS relhastriggers, false AS relrowsecurity, false AS relforcerowsecurity, "
          + "false AS relhasoids, false AS relispartition, '' AS reltablespace_name, "
          + "0 AS reltablespace, '' AS reloftype, 'p' AS relpersistence "
          + "FROM pg_catalog.pg_class c WHERE c.oid = $1"),
      // psql \d TABLE, columns: no collations in H2's catalog (the default everywhere)
      new Rewrite(Pattern.compile("(?is)\\(SELECT c\\.collname FROM pg_catalog\\.pg_collation c, "
          + "pg_catalog\\.pg_type t\\s+WHERE c\\.oid = a\\.attcollation[^)]*\\)"), "NULL"),
      new Rewrite(Pattern.compile("(?i)''::pg_catalog\\.char"), "''"));

  /** psql's {@code \\df [PATTERN]}, with the name pattern it matches, if any. */
  private static final Pattern LIST_FUNCTIONS = Pattern.compile("(?is)^SELECT n\\.nspname as "
      + "\"Schema\",\\s+p\\.proname as \"Name\",\\s+pg_catalog\\.pg_get_function_result\\(.*");
  private static final Pattern NAME_PATTERN = Pattern.compile("p\\.proname ~ '((?:[^']|'')*)'");

  /**
   * psql's {@code \\df} over H2's {@code INFORMATION_SCHEMA.ROUTINES} (H2's pg_proc lacks the
   * columns and functions psql reads), with our functions' signatures as their arguments.
   */
  private static String listFunctions(String sql) {
    StringBuilder args = new StringBuilder("CASE UPPER(routine_name)");
    for (DivergenceFunction f : DivergenceFunction.values()) {
      String signature = f.signature();
      args.append(" WHEN '").append(f.name()).append("' THEN '")
          .append(signature, signature.indexOf('(') + 1, signature.length() - 1).append('\'');
    }
    args.append(" ELSE '' END");
    Matcher name = NAME_PATTERN.matcher(sql);
    return "SELECT routine_schema AS \"Schema\", routine_name AS \"Name\", "
        + "COALESCE(NULLIF(data_type, 'null'), 'double precision') AS \"Result data type\", "
        + args + " AS \"Argument data types\", "
        + "CASE routine_type WHEN 'AGGREGATE' THEN 'agg' ELSE 'func' END AS \"Type\" "
        + "FROM information_schema.routines "
        + "WHERE routine_schema NOT IN ('information_schema', 'pg_catalog')"
        + (name.find() ? " AND routine_name ~ '" + name.group(1) + "'" : "")
        + " ORDER BY 1, 2, 4";
  }

  /** {@code sql} with the rewrites applied; the same instance when none applies. */
  static String rewrite(String sql) {
    String out = sql;
    for (Rewrite r : REWRITES) {
      Matcher m = r.pattern.matcher(out);
      if (m.find()) {
        out = m.replaceAll(r.replacement);
      }
    }
    if (LIST_FUNCTIONS.matcher(out).matches()) {
      out = listFunctions(out);
    }
    return out.equals(sql) ? sql : out;
  }

  /**
   * A client message with its query rewritten: a simple Query ({@code Q}: the text) or a Parse
   * ({@code P}: statement name, text, parameter types); any other message, or one whose text
   * needs no rewrite, is returned as it is.
   */
  static byte[] rewriteMessage(byte[] m) {
    if (m[0] == 'Q') {
      String sql = cString(m, 5);
      String out = rewrite(sql);
      return out == sql ? m : message('Q', cStringBytes(out), new byte[0]);
    }
    if (m[0] == 'P') {
      int nameEnd = indexOfZero(m, 5);
      String sql = cString(m, nameEnd + 1);
      String out = rewrite(sql);
      if (out == sql) {
        return m;
      }
      int sqlEnd = indexOfZero(m, nameEnd + 1);
      byte[] name = java.util.Arrays.copyOfRange(m, 5, nameEnd + 1);
      byte[] rest = java.util.Arrays.copyOfRange(m, sqlEnd + 1, m.length);
      byte[] text = cStringBytes(out);
      byte[] head = new byte[name.length + text.length];
      System.arraycopy(name, 0, head, 0, name.length);
      System.arraycopy(text, 0, head, name.length, text.length);
      return message('P', head, rest);
    }
    return m;
  }

  private static byte[] message(char type, byte[] a, byte[] b) {
    ByteBuffer out = ByteBuffer.allocate(5 + a.length + b.length);
    out.put((byte) type).putInt(4 + a.length + b.length).put(a).put(b);
    return out.array();
  }

  private static int indexOfZero(byte[] m, int from) {
    for (int i = from; i < m.length; i++) {
      if (m[i] == 0) {
        return i;
      }
    }
    return m.length;
  }

  private static String cString(byte[] m, int from) {
    return new String(m, from, indexOfZero(m, from) - from, StandardCharsets.UTF_8);
  }

  private static byte[] cStringBytes(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, b.length + 1);
  }
}
