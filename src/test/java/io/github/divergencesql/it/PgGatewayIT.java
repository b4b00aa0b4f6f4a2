package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.testing.Postgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pg PORT --url jdbc:divergence:calcite:model=...} through the {@code -all} jar: a
 * PostgreSQL client connects to us, we run the query through Calcite, and Calcite has the tests'
 * real PostgreSQL compute the keyed aggregation's per-key sums (pushdown). The gateway's users
 * come from a file; pgjdbc, psycopg2 (whose parameters arrive inlined as text literals) and
 * psycopg 3 (bound on the server with declared types) give the hand-derived values.
 */
class PgGatewayIT {
  private static final String PASSWORD = "gateway-secret";

  @Test
  void aPostgresqlClientReachesAModelOverARealPostgresql(@TempDir Path dir) throws Exception {
    try (Postgres pg = Postgres.start()) {
      try (Connection c = pg.connect(); Statement s = c.createStatement()) {
        // group 1: p = (1, 3)/4 over keys 1, 2; q = (1, 1)/2 — KL = 1/4 ln(1/2) + 3/4 ln(3/2)
        // group 2: p = q = (2, 2): KL 0
        s.execute("CREATE TABLE events (g INT, k INT, p DOUBLE PRECISION, q REAL)");
        s.execute("INSERT INTO events VALUES (1, 1, 1, 1), (1, 2, 1, 1), (1, 2, 2, NULL), "
            + "(2, 1, 2, 2), (2, 2, 2, 2)");
      }
      Path model = dir.resolve("pg.json");
      Files.writeString(model, pg.model());
      Path users = dir.resolve("users");
      Files.writeString(users, "analyst:" + PASSWORD + "\n");
      List<String> command = new ArrayList<>(List.of(Jar.javaExecutable(), "-jar",
          Jar.path().toString(), "--pg", "0", "--url", "jdbc:divergence:calcite:model=" + model,
          "--pg-users", users.toString()));
      Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
            StandardCharsets.UTF_8));
        String banner = out.readLine();
        assertThat(banner).as("the server's first line").isNotNull();
        Matcher m = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) \\(users from ").matcher(banner);
        assertThat(m.find()).as(banner).isTrue();
        int port = Integer.parseInt(m.group(1));
        double kl1 = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
        String sql = "SELECT g, KL_DIVERGENCE_BY(k, p, q) AS kl FROM events GROUP BY g ORDER BY g";
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
            + "/pg?user=analyst&password=" + PASSWORD)) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getDouble(2)).isCloseTo(kl1, within(1e-15));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(2)).isEqualTo(0.0);
            assertThat(rs.next()).isFalse();
          }
          // the plan Calcite runs: the per-key sums in PostgreSQL
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("JdbcAggregate");
          }
          // alpha bound as text (what node-postgres and DBD::Pg send): Laplace smoothing by 1
          try (PreparedStatement ps = c.prepareStatement("SELECT KL_DIVERGENCE_BY(k, p, q, ?) "
              + "FROM events WHERE g = 2")) {
            ps.setString(1, "1");
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).isTrue();
              assertThat(rs.getDouble(1)).isEqualTo(0.0);
            }
          }
        }
        String python = "import psycopg2\n"
            + "c = psycopg2.connect(host='127.0.0.1', port=" + port + ", dbname='pg', "
            + "user='analyst', password='" + PASSWORD + "')\n"
            + "cur = c.cursor()\n"
            + "cur.execute('SELECT KL_DIVERGENCE_BY(k, p, q, %s) FROM events WHERE g = %s', "
            + "('0', 1))\n"
            + "print(repr(cur.fetchone()[0]))\n"
            // psycopg 3 binds server-side, declaring each parameter's type (text, int2, float8)
            + "import psycopg\n"
            + "with psycopg.connect(host='127.0.0.1', port=" + port + ", dbname='pg', "
            + "user='analyst', password='" + PASSWORD + "') as c3:\n"
            + "    for alpha in ('0', 0, 0.0):\n"
            + "        cur = c3.execute('SELECT KL_DIVERGENCE_BY(k, p, q, %s) AS kl FROM events "
            + "WHERE g = %s', (alpha, 1))\n"
            + "        print(repr(cur.fetchone()[0]), cur.description[0].name)\n";
        // Debian's python3 with python3-psycopg2 (.ci/run installs it), not a pyenv shim
        String python3 = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
            : "python3";
        Process py = new ProcessBuilder(python3, "-c", python).redirectErrorStream(true).start();
        String printed = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(py.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (py.exitValue() != 0 && printed.contains("No module named 'psycopg2'")) {
          assertThat(System.getenv("CI")).as("psycopg2 must be installed in CI").isNull();
        } else {
          assertThat(py.exitValue()).as(printed).isZero();
          String[] lines = printed.strip().split("\n");
          assertThat(lines).hasSize(4);
          assertThat(Double.parseDouble(lines[0])).isCloseTo(kl1, within(1e-15));
          for (int i = 1; i < 4; i++) { // the column named as PostgreSQL folds "AS kl"
            assertThat(lines[i]).endsWith(" kl");
            assertThat(Double.parseDouble(lines[i].split(" ")[0])).isCloseTo(kl1, within(1e-15));
          }
        }
      } finally {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      }
    }
  }
}
