package io.github.divergencesql.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

  private Map<Integer, List<String>> run(String resource) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
        + "/demo?user=analyst&password=" + PASSWORD)) {
      return io.github.divergencesql.testing.CatalogSteps.run(c, resource);
    }
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
