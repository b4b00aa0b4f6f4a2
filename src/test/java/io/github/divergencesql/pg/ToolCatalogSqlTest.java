package io.github.divergencesql.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalog SQL Metabase's sync and DBeaver's navigator send, read from their sources and
 * kept in {@code src/test/resources/pg/*.steps} (each step names the source file it came from),
 * run through pgjdbc against the server over an H2 database with upper-case names: every step
 * runs, and what they read is the database's (tables, columns, keys, the index and constraint
 * definitions).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolCatalogSqlTest {
  private static final String PASSWORD = "tools-secret";
  private PgWireServer server;
  private Connection holder;

  @BeforeAll
  void start() throws Exception {
    Properties sa = new Properties();
    sa.setProperty("user", "sa");
    sa.setProperty("password", "");
    String url = "jdbc:divergence:h2:mem:toolcatalog;DB_CLOSE_DELAY=-1";
    holder = DriverManager.getConnection(url, sa);
    try (Statement s = holder.createStatement()) {
      s.execute("CREATE TABLE scores(id INTEGER, grp VARCHAR(10) NOT NULL, p DOUBLE PRECISION, "
          + "q DOUBLE PRECISION, CONSTRAINT scores_pkey PRIMARY KEY(id))");
      s.execute("CREATE TABLE grades(id INTEGER PRIMARY KEY, score_id INTEGER, "
          + "CONSTRAINT grades_score_id_fkey FOREIGN KEY(score_id) REFERENCES scores(id))");
      s.execute("COMMENT ON TABLE scores IS 'score bands'");
    }
    server = new PgWireServer(new PgWireServer.Config(InetAddress.getLoopbackAddress(), 0, url,
        sa, PgUsers.parse("analyst:" + PASSWORD, "test"), 4, 10, 0, 0));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    holder.close();
  }

  /** One step: its number, the SQL or metadata call, and its parameters. */
  private record Step(int number, String sql, String meta, List<String[]> params) {}

  private static List<Step> steps(String resource) throws Exception {
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

  /** Runs every step; each step's rows, cells joined by '|'. */
  private Map<Integer, List<String>> run(String resource) throws Exception {
    Map<Integer, List<String>> results = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
        + "/demo?user=analyst&password=" + PASSWORD)) {
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

  private static long oid(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getLong(1);
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

  @Test
  void metabasesSyncSeesEveryTableColumnAndKey() throws Exception {
    Map<Integer, List<String>> results = run("metabase.steps");
    String all = String.join("\n", results.values().stream().flatMap(List::stream).toList());
    // describe-database: both tables; describe-fields: scores' columns with their types
    assertThat(all).contains("scores").contains("grades").contains("score bands");
    assertThat(all).containsPattern("(?m)^.*grp.*(varchar|character varying).*$")
        .containsPattern("(?m)^.*\\|p\\|.*(float8|double precision).*$");
    // DatabaseMetaData through pgjdbc, as Metabase's describe-table-pks calls it
    assertThat(results.values().stream().flatMap(List::stream)
        .filter(r -> r.contains("scores_pkey"))).isNotEmpty();
  }

  @Test
  void dbeaversNavigatorSeesColumnsConstraintsAndIndexes() throws Exception {
    Map<Integer, List<String>> results = run("dbeaver.steps");
    String all = String.join("\n", results.values().stream().flatMap(List::stream).toList());
    assertThat(all).contains("scores").contains("grp").contains("PRIMARY KEY (id)")
        .contains("CREATE UNIQUE INDEX scores_pkey ON public.scores USING btree (id)")
        .contains("kl_divergence");
  }
}
