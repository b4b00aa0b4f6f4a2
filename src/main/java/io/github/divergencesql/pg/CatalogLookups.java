package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.TextArrayFunctions.quote_ident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.h2.tools.SimpleResultSet;

/**
 * The functions PostgreSQL clients call on the catalog that read its tables (PostgreSQL 15's
 * documentation, "System Catalog Information Functions", visibility and comment functions, and the
 * {@code regclass}-style object identifier casts), registered with {@link CatalogFunctions} by
 * {@link PgCatalog}. None makes up an object the served database does not have.
 */
public final class CatalogLookups {
  private CatalogLookups() {}

  public static String pg_get_userbyid(Connection c, Integer oid) throws SQLException {
    return oid == null ? null : one(c, "SELECT rolname FROM pg_catalog.pg_authid WHERE oid = ?",
        oid);
  }

  public static boolean pg_table_is_visible(Connection c, Integer oid) throws SQLException {
    String namespace = one(c, "SELECT n.nspname FROM pg_catalog.pg_class r JOIN "
        + "pg_catalog.pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = ?", oid);
    return namespace != null && (namespace.equals("pg_catalog")
        || CatalogFunctions.session().searchPath().contains(namespace));
  }

  public static boolean pg_type_is_visible(Integer oid) {
    return true;
  }

  public static boolean pg_function_is_visible(Integer oid) {
    return true;
  }

  public static boolean pg_collation_is_visible(Integer oid) {
    return true;
  }

  /** The type's name as PostgreSQL's {@code format_type} writes it. */
  public static String format_type(Connection c, Integer oid, Integer typmod)
      throws SQLException {
    if (oid == null) {
      return null;
    }
    String name = one(c, "SELECT typname FROM pg_catalog.pg_type WHERE oid = ?", oid);
    if (name == null) {
      return "???";
    }
    if (name.startsWith("_")) {
      String element = one(c, "SELECT typelem FROM pg_catalog.pg_type WHERE oid = ?", oid);
      return format_type(c, Integer.valueOf(element), typmod) + "[]";
    }
    int mod = typmod == null ? -1 : typmod;
    return switch (name) {
      case "bool" -> "boolean";
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "varchar" -> "character varying" + (mod >= 4 ? "(" + (mod - 4) + ")" : "");
      case "bpchar" -> "character" + (mod >= 4 ? "(" + (mod - 4) + ")" : "");
      case "numeric" -> "numeric" + (mod >= 4 ? "(" + ((mod - 4) >> 16) + ","
          + ((mod - 4) & 0xffff) + ")" : "");
      case "timestamp" -> "timestamp" + (mod >= 0 ? "(" + mod + ")" : "")
          + " without time zone";
      case "timestamptz" -> "timestamp" + (mod >= 0 ? "(" + mod + ")" : "") + " with time zone";
      case "time" -> "time" + (mod >= 0 ? "(" + mod + ")" : "") + " without time zone";
      case "timetz" -> "time" + (mod >= 0 ? "(" + mod + ")" : "") + " with time zone";
      case "char" -> "\"char\"";
      default -> name;
    };
  }

  /** {@code information_schema}'s {@code data_type}: the name without modifiers, or ARRAY. */
  public static String info_data_type(Connection c, Integer oid) throws SQLException {
    String name = one(c, "SELECT typname FROM pg_catalog.pg_type WHERE oid = ?", oid);
    if (name == null) {
      return null;
    }
    if (name.startsWith("_")) {
      return "ARRAY";
    }
    return format_type(c, oid, -1);
  }

  public static String oidvectortypes(Connection c, String oids) throws SQLException {
    if (oids == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String oid : oids.trim().split("\\s+")) {
      if (!oid.isEmpty()) {
        names.add(format_type(c, Integer.valueOf(oid), -1));
      }
    }
    return String.join(", ", names);
  }

  /** {@code pg_get_expr}: the catalog keeps expressions in their readable form. */
  public static String pg_get_expr(String expression, Integer relation) {
    return expression;
  }

  public static String pg_get_expr(String expression, Integer relation, Boolean pretty) {
    return expression;
  }

  public static String pg_get_constraintdef(Connection c, Integer oid) throws SQLException {
    return one(c, "SELECT condef FROM pg_catalog.pg_constraint WHERE oid = ?", oid);
  }

  public static String pg_get_constraintdef(Connection c, Integer oid, Boolean pretty)
      throws SQLException {
    return pg_get_constraintdef(c, oid);
  }

  public static String pg_get_indexdef(Connection c, Integer oid) throws SQLException {
    return pg_get_indexdef(c, oid, 0, false);
  }

  /** The index's definition, or with {@code column} > 0 that key column's name. */
  public static String pg_get_indexdef(Connection c, Integer oid, Integer column, Boolean pretty)
      throws SQLException {
    if (oid == null) {
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT i.relname, t.relname, n.nspname, "
        + "x.indisunique, x.indkey, x.indrelid FROM pg_catalog.pg_index x "
        + "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
        + "JOIN pg_catalog.pg_class t ON t.oid = x.indrelid "
        + "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE x.indexrelid = ?")) {
      ps.setInt(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Object[] keys = (Object[]) rs.getArray(5).getArray();
        List<String> names = new ArrayList<>();
        for (Object k : keys) {
          names.add(quote_ident(one(c, "SELECT attname FROM pg_catalog.pg_attribute "
              + "WHERE attrelid = ? AND attnum = " + ((Number) k).intValue(), rs.getInt(6))));
        }
        if (column != null && column > 0) {
          return column <= names.size() ? names.get(column - 1) : "";
        }
        return "CREATE " + (rs.getBoolean(4) ? "UNIQUE " : "") + "INDEX "
            + quote_ident(rs.getString(1)) + " ON " + quote_ident(rs.getString(3)) + "."
            + quote_ident(rs.getString(2)) + " USING btree (" + String.join(", ", names) + ")";
      }
    }
  }

  public static String pg_get_viewdef(Integer oid) {
    return null; // the served database's metadata does not give a view's text
  }

  public static String pg_get_viewdef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_triggerdef(Integer oid) {
    return null;
  }

  public static String pg_get_triggerdef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_ruledef(Integer oid) {
    return null;
  }

  public static String pg_get_ruledef(Integer oid, Boolean pretty) {
    return null;
  }

  public static String pg_get_partkeydef(Integer oid) {
    return null;
  }

  public static String pg_get_serial_sequence(String table, String column) {
    return null;
  }

  public static String pg_get_statisticsobjdef_columns(Integer oid) {
    return null;
  }

  public static String pg_tablespace_location(Integer oid) {
    return oid == null ? null : "";
  }

  public static String pg_get_function_arguments(Connection c, Integer oid) throws SQLException {
    return arguments(c, oid);
  }

  public static String pg_get_function_identity_arguments(Connection c, Integer oid)
      throws SQLException {
    return arguments(c, oid);
  }

  public static String pg_get_function_result(Connection c, Integer oid) throws SQLException {
    String type = one(c, "SELECT prorettype FROM pg_catalog.pg_proc WHERE oid = ?", oid);
    return type == null ? null : format_type(c, Integer.valueOf(type), -1);
  }

  public static String pg_get_functiondef(Connection c, Integer oid) throws SQLException {
    return null; // our functions are Java, not SQL text
  }

  private static String arguments(Connection c, Integer oid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT proargtypes, proargnames FROM pg_catalog.pg_proc WHERE oid = ?")) {
      ps.setObject(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String[] types = rs.getString(1).trim().split("\\s+");
        Object[] names = rs.getArray(2) == null ? new Object[0]
            : (Object[]) rs.getArray(2).getArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
          if (types[i].isEmpty()) {
            continue;
          }
          String type = format_type(c, Integer.valueOf(types[i]), -1);
          out.add(i < names.length && names[i] != null ? names[i] + " " + type : type);
        }
        return String.join(", ", out);
      }
    }
  }

  public static String col_description(Connection c, Integer table, Integer column)
      throws SQLException {
    return one(c, "SELECT description FROM pg_catalog.pg_description WHERE objoid = ? "
        + "AND objsubid = " + (column == null ? -1 : column), table);
  }

  public static String obj_description(Connection c, Integer oid) throws SQLException {
    return one(c, "SELECT description FROM pg_catalog.pg_description WHERE objoid = ? "
        + "AND objsubid = 0", oid);
  }

  public static String obj_description(Connection c, Integer oid, String catalog)
      throws SQLException {
    return obj_description(c, oid);
  }

  public static String shobj_description(Integer oid, String catalog) {
    return null;
  }

  /** {@code 'name'::regclass}: the relation's OID; an OID stays as it is. */
  public static Integer regclass(Connection c, String value) throws SQLException {
    if (value == null || value.strip().matches("\\d+")) {
      return value == null ? null : Integer.valueOf(value.strip());
    }
    String text = value.toString();
    if (text.matches("\\d+")) {
      return Integer.valueOf(text);
    }
    Integer oid = to_regclass(c, text);
    if (oid == null) {
      throw new SQLException("relation \"" + text + "\" does not exist", "42P01");
    }
    return oid;
  }

  public static Integer to_regclass(Connection c, String value) throws SQLException {
    if (value == null) {
      return null;
    }
    List<String> parts = PgCatalog.qualifiedName(value.toString());
    String sql = parts.size() > 1
        ? "SELECT r.oid FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n "
            + "ON n.oid = r.relnamespace WHERE n.nspname = ? AND r.relname = ?"
        : "SELECT r.oid FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n "
            + "ON n.oid = r.relnamespace WHERE r.relname = ? ORDER BY "
            + "CASE n.nspname WHEN 'pg_catalog' THEN 0 ELSE 1 END";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parts.size() && i < 2; i++) {
        ps.setString(i + 1, parts.get(parts.size() > 1 ? parts.size() - 2 + i : i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  /** A relation OID as {@code regclass} prints it: its name, qualified when not visible. */
  public static String regclass_out(Connection c, String value) throws SQLException {
    Integer oid = regclass(c, value);
    if (oid == null) {
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT r.relname, n.nspname FROM "
        + "pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace "
        + "WHERE r.oid = ?")) {
      ps.setInt(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return String.valueOf(oid);
        }
        String name = quote_ident(rs.getString(1));
        return pg_table_is_visible(c, oid) ? name : quote_ident(rs.getString(2)) + "." + name;
      }
    }
  }

  public static String regtype_out(Connection c, String value) throws SQLException {
    Integer oid = regtype(c, value);
    return oid == null ? null : format_type(c, oid, -1);
  }

  public static String regproc_out(String value) {
    return regproc(value);
  }

  public static String regnamespace_out(Connection c, String value) throws SQLException {
    Integer oid = regnamespace(c, value);
    return oid == null ? null : one(c, "SELECT nspname FROM pg_catalog.pg_namespace "
        + "WHERE oid = ?", oid);
  }

  /** {@code pg_partition_ancestors} of a table that is no partition: the table itself. */
  public static ResultSet pg_partition_ancestors(String relation) {
    SimpleResultSet rs = new SimpleResultSet();
    rs.addColumn("relid", Types.INTEGER, 10, 0);
    if (relation != null) {
      rs.addRow(Integer.valueOf(relation.toString()));
    }
    return rs;
  }

  public static Integer pg_partition_self(String relation) {
    return relation == null ? null : Integer.valueOf(relation.toString());
  }

  /** {@code oids::regtype[]}: the type names of an oidvector ({@code 701 701}) or array. */
  public static String[] regtype_array(Connection c, String oids) throws SQLException {
    if (oids == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String oid : oids.replaceAll("[\\[\\]{},]", " ").trim().split("\\s+")) {
      if (!oid.isEmpty()) {
        names.add(format_type(c, Integer.valueOf(oid), -1));
      }
    }
    return names.toArray(new String[0]);
  }

  /** {@code 'name'::regtype}: the type's OID, by its name or {@code format_type} name. */
  public static Integer regtype(Connection c, String value) throws SQLException {
    if (value == null || value.strip().matches("\\d+")) {
      return value == null ? null : Integer.valueOf(value.strip());
    }
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    if (text.matches("\\d+")) {
      return Integer.valueOf(text);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT oid FROM pg_catalog.pg_type "
        + "WHERE typname = ? OR format_type(oid, -1) = ?")) {
      ps.setString(1, text.replaceFirst("^pg_catalog\\.", ""));
      ps.setString(2, text.replaceFirst("^pg_catalog\\.", ""));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
    }
    throw new SQLException("type \"" + value + "\" does not exist", "42704");
  }

  /**
   * {@code 'name'::regproc}: the function's name, as the catalog's regproc columns
   * ({@code typinput}, {@code aggtransfn}) hold it.
   */
  public static String regproc(String value) {
    return value == null ? null : value.strip().replaceFirst("^pg_catalog\\.", "");
  }

  public static Integer regnamespace(Connection c, String value) throws SQLException {
    if (value == null || value.strip().matches("\\d+")) {
      return value == null ? null : Integer.valueOf(value.strip());
    }
    String oid = one(c, "SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?",
        value.toString());
    if (oid == null) {
      throw new SQLException("schema \"" + value + "\" does not exist", "3F000");
    }
    return Integer.valueOf(oid);
  }

  private static String one(Connection c, String sql, Object arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
