package io.github.divergencesql.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a tool's catalog SQL kept in {@code src/test/resources/pg/*.steps} (Metabase's sync,
 * DBeaver's navigator, each step naming the source file it came from) through a PostgreSQL
 * connection, as the tool sends it: a prepared statement with typed parameters, or a
 * DatabaseMetaData call. {@code #PARAM relation NAME} and {@code #PARAM constraint NAME} are
 * looked up in the server's own catalog, since OIDs differ between servers.
 */
public final class CatalogSteps {
  private CatalogSteps() {}

  /** One step: its number, the SQL or metadata call, and its parameters. */
  record Step(int number, String sql, String meta, List<String[]> params) {}

  static List<Step> steps(String resource) throws Exception {
    List<Step> steps = new ArrayList<>();
    Integer number = null;
    StringBuilder sql = new StringBuilder();
    String meta = null;
    List<String[]> params = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/pg/" + resource),
        StandardCharsets.UTF_8);
    lines.add("#STEP 0");
    for (String line : lines) {
      if (line.startsWith("#STEP ")) {
        if (number != null) {
          steps.add(new Step(number, sql.toString().strip(), meta, params));
        }
        number = Integer.parseInt(line.substring(6).strip());
        sql.setLength(0);
        meta = null;
        params = new ArrayList<>();
      } else if (number == null || line.startsWith("#SOURCE ")) {
        continue;
      } else if (line.startsWith("#PARAM ")) {
        params.add(line.substring(7).split(" ", 2));
      } else if (line.startsWith("#META ")) {
        meta = line.substring(6).strip();
      } else {
        sql.append(line).append('\n');
      }
    }
    return steps;
  }

  /** Runs every step over {@code c}; each step's rows, cells joined by '|'. */
  public static Map<Integer, List<String>> run(Connection c, String resource) throws Exception {
    Map<Integer, List<String>> results = new LinkedHashMap<>();
    {
      for (Step step : steps(resource)) {
        try {
          results.put(step.number(), step.meta() != null ? meta(c, step.meta())
              : sql(c, step));
        } catch (SQLException e) {
          throw new AssertionError(resource + " step " + step.number() + " failed: "
              + e.getMessage() + "\n" + step.sql(), e);
        }
      }
    }
    return results;
  }

  private static List<String> sql(Connection c, Step step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(step.sql())) {
      for (int i = 0; i < step.params().size(); i++) {
        String[] p = step.params().get(i);
        String value = p.length > 1 ? p[1] : "";
        switch (p[0]) {
          case "long" -> ps.setLong(i + 1, Long.parseLong(value));
          case "int" -> ps.setInt(i + 1, Integer.parseInt(value));
          case "double" -> ps.setDouble(i + 1, Double.parseDouble(value));
          case "null" -> ps.setNull(i + 1, java.sql.Types.VARCHAR);
          case "relation" -> ps.setLong(i + 1, oid(c, "SELECT oid FROM pg_catalog.pg_class "
              + "WHERE relname = '" + value + "'"));
          case "constraint" -> ps.setLong(i + 1, oid(c, "SELECT oid FROM "
              + "pg_catalog.pg_constraint WHERE conname = '" + value + "'"));
          default -> ps.setString(i + 1, value);
        }
      }
      if (!ps.execute()) {
        return List.of();
      }
      return rows(ps.getResultSet());
    }
  }

  /** The OID the query finds, or 0 (a model has no constraints). */
  private static long oid(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static List<String> meta(Connection c, String call) throws SQLException {
    String[] a = call.split("\\|");
    DatabaseMetaData md = c.getMetaData();
    ResultSet rs = switch (a[0]) {
      case "getSchemas" -> md.getSchemas();
      case "getColumns" -> md.getColumns(null, a[2], a[3], null);
      case "getPrimaryKeys" -> md.getPrimaryKeys(null, a[2], a[3]);
      case "getImportedKeys" -> md.getImportedKeys(null, a[2], a[3]);
      case "getIndexInfo" -> md.getIndexInfo(null, a[2], a[3], Boolean.parseBoolean(a[4]),
          Boolean.parseBoolean(a[5]));
      case "getTables" -> md.getTables(null, a[2], a[3], null);
      case "setTransactionIsolation" -> {
        c.setTransactionIsolation(Integer.parseInt(a[1]) == 1
            ? Connection.TRANSACTION_READ_UNCOMMITTED : Connection.TRANSACTION_READ_COMMITTED);
        yield null;
      }
      case "getTransactionIsolation" -> {
        c.getTransactionIsolation();
        yield null;
      }
      default -> { // dbmsVersion and the like: answered from the connection's startup
        md.getDatabaseProductVersion();
        yield null;
      }
    };
    return rs == null ? List.of() : rows(rs);
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }

}
