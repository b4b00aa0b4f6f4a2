package io.github.divergencesql.pg;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a session's catalog ({@link PgCatalog}): PostgreSQL's built-in types, namespaces,
 * tables, views and columns from the served connection's {@link DatabaseMetaData}, the catalog's
 * own relations, our functions; keys and indexes through {@link CatalogKeys}.
 */
final class CatalogRows {
  static final int PG_CATALOG = 11;
  static final int PUBLIC = 2200;
  static final int INFORMATION_SCHEMA = 13000;
  static final int OWNER = 10;
  private static final int FIRST_OID = 16384;
  /** The system catalogs' own OIDs in PostgreSQL 15 (pg_class.dat), which clients write as 'pg_class'::regclass. */
  private static final Map<String, Integer> SYSTEM_OIDS = Map.ofEntries(
      Map.entry("pg_namespace", 2615),
      Map.entry("pg_class", 1259),
      Map.entry("pg_attribute", 1249),
      Map.entry("pg_type", 1247),
      Map.entry("pg_proc", 1255),
      Map.entry("pg_index", 2610),
      Map.entry("pg_constraint", 2606),
      Map.entry("pg_description", 2609),
      Map.entry("pg_attrdef", 2604),
      Map.entry("pg_database", 1262),
      Map.entry("pg_authid", 1260),
      Map.entry("pg_collation", 3456),
      Map.entry("pg_am", 2601),
      Map.entry("pg_trigger", 2620),
      Map.entry("pg_aggregate", 2600),
      Map.entry("pg_depend", 2608),
      Map.entry("pg_inherits", 2611),
      Map.entry("pg_rewrite", 2618),
      Map.entry("pg_language", 2612),
      Map.entry("pg_tablespace", 1213),
      Map.entry("pg_enum", 3501),
      Map.entry("pg_extension", 3079),
      Map.entry("pg_operator", 2617),
      Map.entry("pg_cast", 2605),
      Map.entry("pg_opclass", 2616),
      Map.entry("pg_sequence", 2224),
      Map.entry("pg_policy", 3256));
  static final int PG_CLASS = 1259;
  private static final int PG_PROC = 1255;
  private static final int PG_NAMESPACE = 2615;

  private final PgCatalog catalog;
  private final Connection db;
  private final CatalogKeys keys;

  CatalogRows(PgCatalog catalog) {
    this.catalog = catalog;
    this.db = catalog.connection();
    this.keys = new CatalogKeys(catalog, this);
  }

  record Table(int oid, int namespace, String schema, String name, String shownName,
      char kind, Map<String, Integer> columns) {}

  void fill(Connection served, DatabaseMetaData md, boolean upper, String user,
      String database,
      Map<String, String> settings) throws SQLException {
    types();
    Map<String, String> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(Map.of("max_index_keys", "32", "max_function_args", "100", "block_size", "8192",
        "server_version_num", "160000", "max_connections", "100", "data_checksums", "off"));
    all.putAll(settings);
    for (Map.Entry<String, String> e : all.entrySet()) {
      insertInto("pg_catalog.pg_settings(name, setting, context, vartype, source)", e.getKey(),
          e.getValue(), "user", "string", "session");
    }
    insert("pg_catalog.pg_namespace", PG_CATALOG, "pg_catalog", OWNER, null);
    insert("pg_catalog.pg_namespace", INFORMATION_SCHEMA, "information_schema", OWNER, null);
    insert("pg_catalog.pg_database(oid, datname)", 16383, database);
    insertInto("pg_catalog.pg_authid(oid, rolname, rolsuper, rolcreaterole, rolcreatedb)",
        OWNER, user, false, false, false);
    insertInto("pg_catalog.pg_am(oid, amname, amhandler, amtype)", 2, "heap",
        "heap_tableam_handler", "t");
    insertInto("pg_catalog.pg_am(oid, amname, amhandler, amtype)", 403, "btree", "bthandler",
        "i");
    insertInto("pg_catalog.pg_collation(oid, collname, collnamespace, collowner, collprovider, "
        + "collisdeterministic, collencoding)", 100, "default", PG_CATALOG, OWNER, "d", true, -1);
    insertInto("pg_catalog.pg_collation(oid, collname, collnamespace, collowner, collprovider, "
        + "collisdeterministic, collencoding, collcollate, collctype)", 950, "C", PG_CATALOG, OWNER,
        "c", true, -1, "C", "C");
    insertInto("pg_catalog.pg_language(oid, lanname, lanowner, lanispl, lanpltrusted)", 12,
        "internal", OWNER, false, false);
    insertInto("pg_catalog.pg_language(oid, lanname, lanowner, lanispl, lanpltrusted)", 13, "c",
        OWNER, false, false);
    insertInto("pg_catalog.pg_language(oid, lanname, lanowner, lanispl, lanpltrusted)", 14, "sql",
        OWNER, false, true);
    insertInto("pg_catalog.pg_tablespace(oid, spcname, spcowner)", 1663, "pg_default", OWNER);

    systemRelations();
    int next = FIRST_OID;
    Map<String, Integer> namespaces = new LinkedHashMap<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        String s = schema == null ? "" : PgCatalog.show(schema, upper);
        if (s.isEmpty() || s.equalsIgnoreCase("information_schema") || s.equals("metadata")
            || s.equals("pg_catalog")) {
          continue;
        }
        int oid = s.equals("public") ? PUBLIC : next++;
        namespaces.put(schema, oid);
        insert("pg_catalog.pg_namespace", oid, catalog.shown(schema, upper), OWNER, null);
      }
    }
    List<Table> tables = new ArrayList<>();
    Map<String, Table> byName = new HashMap<>();
    boolean h2 = String.valueOf(md.getDatabaseProductName()).contains("H2");
    for (Map.Entry<String, Integer> ns : namespaces.entrySet()) {
      try (ResultSet rs = md.getTables(null, ns.getKey(), "%", null)) {
        while (rs.next()) {
          String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
          char kind = type.equals("TABLE") || type.equals("BASE TABLE") ? 'r'
              : type.equals("VIEW") ? 'v' : type.equals("MATERIALIZED VIEW") ? 'm' : 0;
          if (kind == 0) {
            continue;
          }
          String name = rs.getString("TABLE_NAME");
          if (h2 && !mayRead(served, ns.getKey(), name)) {
            continue; // H2 lists every table; PostgreSQL's \dt lists what the user may read
          }
          Table t = new Table(next++, ns.getValue(), ns.getKey(), name,
              catalog.shown(name, upper), kind, new LinkedHashMap<>());
          tables.add(t);
          byName.put(ns.getKey() + "\u0000" + name, t);
          String remarks = rs.getString("REMARKS");
          if (remarks != null && !remarks.isEmpty()) {
            insert("pg_catalog.pg_description", t.oid, PG_CLASS, 0, remarks);
          }
        }
      }
    }
    for (Table t : tables) {
      int attnum = 0;
      try (ResultSet rs = md.getColumns(null, t.schema, escape(t.name, md), "%")) {
        while (rs.next()) {
          String column = rs.getString("COLUMN_NAME");
          attnum++;
          t.columns.put(column, attnum);
          int[] type = pgType(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
              rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"));
          String def = rs.getString("COLUMN_DEF");
          boolean identity = "YES".equalsIgnoreCase(safe(rs, "IS_AUTOINCREMENT"));
          insertInto("pg_catalog.pg_attribute(attrelid, attname, atttypid, attlen, attnum, "
              + "atttypmod, attbyval, attnotnull, atthasdef, attidentity)", t.oid,
              catalog.shown(column, upper), type[0], PgTypes.size(type[0]), attnum, type[1],
              PgTypes.size(type[0]) > 0 && PgTypes.size(type[0]) <= 8,
              rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls, def != null,
              identity ? "d" : "");
          if (def != null) {
            insert("pg_catalog.pg_attrdef", next++, t.oid, attnum, def, def);
          }
          String remarks = rs.getString("REMARKS");
          if (remarks != null && !remarks.isEmpty()) {
            insert("pg_catalog.pg_description", t.oid, PG_CLASS, attnum, remarks);
          }
        }
      }
      insertInto("pg_catalog.pg_class(oid, relname, relnamespace, reltype, relowner, relam, "
          + "relkind, relnatts)", t.oid, t.shownName, t.namespace, 0, OWNER, t.kind == 'r' ? 2 : 0,
          String.valueOf(t.kind), attnum);
    }
    Map<Integer, Integer> primaryIndex = new HashMap<>();
    for (Table t : tables) {
      if (t.kind != 'r') {
        continue;
      }
      next = keys.keys(md, t, upper, next, primaryIndex);
    }
    for (Table t : tables) {
      if (t.kind == 'r') {
        next = keys.foreignKeys(md, t, byName, upper, next, primaryIndex);
      }
    }
    functions(namespaces.containsValue(PUBLIC) ? PUBLIC : namespaces.values().stream()
        .findFirst().orElse(PUBLIC), next);
  }

  /** Whether the session's user may read {@code schema.table} (H2: a right on it, or admin). */
  private static boolean mayRead(Connection served, String schema, String table) {
    try (Statement s = served.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + SqlTokens.quotedName(schema) + "."
          + SqlTokens.quotedName(table) + " WHERE FALSE").close();
      return true;
    } catch (SQLException e) {
      return e.getErrorCode() != org.h2.api.ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1;
    }
  }

  private static String safe(ResultSet rs, String column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      return null;
    }
  }

  private static String escape(String name, DatabaseMetaData md) throws SQLException {
    String e = md.getSearchStringEscape();
    if (e == null || e.isEmpty()) {
      return name;
    }
    return name.replace(e, e + e).replace("%", e + "%").replace("_", e + "_");
  }

  /** The catalog's own tables and views in pg_class, as PostgreSQL lists its system catalogs. */
  private void systemRelations() throws SQLException {
    int next = 12_000;
    List<Object[]> rows = new ArrayList<>();
    try (ResultSet rs = db.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        String name = rs.getString("TABLE_NAME");
        if (!schema.equals("pg_catalog") && !schema.equals("pg_info") || name.startsWith("_")) {
          continue;
        }
        String type = rs.getString("TABLE_TYPE");
        rows.add(new Object[] {schema.equals("pg_info") ? INFORMATION_SCHEMA : PG_CATALOG, name,
            type.contains("VIEW") ? "v" : "r"});
      }
    }
    for (Object[] r : rows) {
      Integer oid = SYSTEM_OIDS.get((String) r[1]);
      insertInto("pg_catalog.pg_class(oid, relname, relnamespace, reltype, relowner, relam, "
          + "relkind, relnatts)", oid != null ? oid : next++, r[1], r[0], 0, OWNER,
          r[2].equals("r") ? 2 : 0, r[2], 0);
    }
  }

  /** Our functions, with their argument names and types, in {@code namespace}. */
  private void functions(int namespace, int next) throws SQLException {
    for (DivergenceFunction f : DivergenceFunction.values()) {
      for (int arity : f.arities()) {
        List<String> parameters = f.parameters(arity);
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
          String p = parameters.get(i);
          int type = f.isKey(i) ? 2283 : p.equals("bins") || p.equals("k") ? PgTypes.INT4
              : PgTypes.FLOAT8;
          types.append(i == 0 ? "" : " ").append(type);
        }
        int oid = next++;
        insertInto("pg_catalog.pg_proc(oid, proname, pronamespace, prokind, pronargs, "
            + "prorettype, proargtypes, proargnames, prosrc, proisstrict)", oid,
            f.name().toLowerCase(Locale.ROOT), namespace, f.isAggregate() ? "a" : "f",
            parameters.size(), f.returnsBoolean() ? PgTypes.BOOL : PgTypes.FLOAT8,
            types.toString(), parameters.toArray(),
            f.name(), false);
        insert("pg_catalog.pg_description", oid, PG_PROC, 0, f.signature());
        if (f.isAggregate()) {
          insertInto("pg_catalog.pg_aggregate(aggfnoid, aggtransfn, aggfinalfn)", oid, "-", "-");
        }
      }
    }
  }

  /** PostgreSQL's built-in types, with their OIDs (PostgreSQL 15's pg_type.dat). */
  private void types() throws SQLException {
    Object[][] base = {
        // oid, name, len, byval, category, preferred, array oid, align
        {16, "bool", 1, true, "B", true, 1000, "c"}, {17, "bytea", -1, false, "U", false, 1001, "i"},
        {18, "char", 1, true, "Z", false, 1002, "c"}, {19, "name", 64, false, "S", false, 1003, "c"},
        {20, "int8", 8, true, "N", false, 1016, "d"}, {21, "int2", 2, true, "N", false, 1005, "s"},
        {22, "int2vector", -1, false, "A", false, 1006, "i"},
        {23, "int4", 4, true, "N", false, 1007, "i"}, {24, "regproc", 4, true, "N", false, 1008, "i"},
        {25, "text", -1, false, "S", true, 1009, "i"}, {26, "oid", 4, true, "N", true, 1028, "i"},
        {30, "oidvector", -1, false, "A", false, 1013, "i"},
        {114, "json", -1, false, "U", false, 199, "i"},
        {700, "float4", 4, true, "N", false, 1021, "i"},
        {701, "float8", 8, true, "N", true, 1022, "d"},
        {1042, "bpchar", -1, false, "S", false, 1014, "i"},
        {1043, "varchar", -1, false, "S", false, 1015, "i"},
        {1082, "date", 4, true, "D", false, 1182, "i"},
        {1083, "time", 8, true, "D", false, 1183, "d"},
        {1114, "timestamp", 8, true, "D", false, 1115, "d"},
        {1184, "timestamptz", 8, true, "D", true, 1185, "d"},
        {1186, "interval", 16, false, "T", true, 1187, "d"},
        {1700, "numeric", -1, false, "N", false, 1231, "i"},
        {2205, "regclass", 4, true, "N", false, 2210, "i"},
        {2206, "regtype", 4, true, "N", false, 2211, "i"},
        {2950, "uuid", 16, false, "U", false, 2951, "c"},
        {3802, "jsonb", -1, false, "U", false, 3807, "i"},
    };
    for (Object[] t : base) {
      insertInto("pg_catalog.pg_type(oid, typname, typlen, typbyval, typcategory, typispreferred, "
          + "typarray, typalign, typinput, typoutput, typreceive, typsend)", t[0], t[1], t[2], t[3],
          t[4], t[5], t[6], t[7], t[1] + "in", t[1] + "out", t[1] + "recv", t[1] + "send");
      insertInto("pg_catalog.pg_type(oid, typname, typlen, typbyval, typcategory, typelem, "
          + "typalign, typinput, typoutput, typreceive, typsend, typsubscript)", t[6], "_" + t[1],
          -1, false, "A", t[0], t[7], "array_in", "array_out", "array_recv", "array_send",
          "array_subscript_handler");
    }
    Object[][] pseudo = {{705, "unknown", -2}, {2249, "record", -1}, {2275, "cstring", -2},
        {2276, "any", 4}, {2277, "anyarray", -1}, {2278, "void", 4}, {2279, "trigger", 4},
        {2280, "language_handler", 4}, {2281, "internal", 8}, {2283, "anyelement", 4},
        {2776, "anynonarray", 4}, {3500, "anyenum", 4}, {3838, "event_trigger", 4}};
    for (Object[] t : pseudo) {
      insertInto("pg_catalog.pg_type(oid, typname, typlen, typbyval, typtype, typcategory)",
          t[0], t[1], t[2], false, "p", "P");
    }
  }

  /** A column's PostgreSQL type OID and typmod from its JDBC type. */
  static int[] pgType(int jdbcType, String typeName, int size, int digits) {
    String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> new int[] {PgTypes.BOOL, -1};
      case Types.TINYINT, Types.SMALLINT -> new int[] {PgTypes.INT2, -1};
      case Types.INTEGER -> new int[] {PgTypes.INT4, -1};
      case Types.BIGINT -> new int[] {PgTypes.INT8, -1};
      case Types.REAL -> new int[] {PgTypes.FLOAT4, -1};
      case Types.FLOAT, Types.DOUBLE -> new int[] {PgTypes.FLOAT8, -1};
      case Types.DECIMAL, Types.NUMERIC -> new int[] {PgTypes.NUMERIC,
          size > 0 && size <= 1000 ? ((size << 16) | Math.max(digits, 0)) + 4 : -1};
      case Types.CHAR, Types.NCHAR -> new int[] {1042, size > 0 ? size + 4 : -1};
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR ->
          new int[] {PgTypes.VARCHAR, size > 0 && size < 10_485_760 ? size + 4 : -1};
      case Types.CLOB, Types.NCLOB -> new int[] {PgTypes.TEXT, -1};
      case Types.DATE -> new int[] {PgTypes.DATE, -1};
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> new int[] {PgTypes.TIME, -1};
      case Types.TIMESTAMP -> new int[] {PgTypes.TIMESTAMP, -1};
      case Types.TIMESTAMP_WITH_TIMEZONE -> new int[] {PgTypes.TIMESTAMPTZ, -1};
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          new int[] {PgTypes.BYTEA, -1};
      case Types.ARRAY -> new int[] {arrayOid(name), -1};
      default -> name.contains("UUID") ? new int[] {2950, -1}
          : name.contains("JSON") ? new int[] {114, -1} : new int[] {PgTypes.TEXT, -1};
    };
  }

  private static int arrayOid(String name) {
    if (name.startsWith("INTEGER") || name.startsWith("INT")) {
      return 1007;
    }
    if (name.startsWith("BIGINT")) {
      return 1016;
    }
    if (name.startsWith("DOUBLE") || name.startsWith("FLOAT")) {
      return 1022;
    }
    if (name.startsWith("BOOLEAN")) {
      return 1000;
    }
    return 1009;
  }

  void insert(String table, Object... values) throws SQLException {
    insertInto(table, values);
  }

  void insertInto(String table, Object... values) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
    for (int i = 0; i < values.length; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement ps = db.prepareStatement(sql.append(')').toString())) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }
}
