package io.github.divergencesql.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our PostgreSQL-protocol server over a Calcite model and over an H2 database, through
 * PostgreSQL's own JDBC driver (extended protocol with server-side statements, binary transfer,
 * portals fetched in pieces; and the simple protocol) and psql: login with SCRAM-SHA-256,
 * queries with our functions, parameters bound as text and binary, several statements in one
 * message, session commands, errors with their SQLSTATE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgWireServerTest {
  /** The seed example by hand: p = (.2, .3, .4, .1), q = (.1, .4, .3, .2): 0.1 ln(8/3). */
  private static final double SEED_KL = 0.1 * Math.log(8.0 / 3);
  private static final String SEED =
      "(VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)) AS t(p, q)";
  private static final String PASSWORD = "wire-test-secret";

  private PgWireServer calcite;
  private PgWireServer h2;

  @BeforeAll
  void start() throws Exception {
    // mduser's line is PostgreSQL's md5 form: "md5" + md5("md5-secret" + "mduser"), by Python's
    // hashlib.md5(b"md5-secretmduser").hexdigest()
    PgUsers users = PgUsers.parse("# test users\nanalyst:" + PASSWORD + "\n"
        + "mduser:md5102776bc0308d6fa4436ac07f3098470\n", "test");
    String model = "jdbc:divergence:calcite:model="
        + Path.of("examples/csv-model.json").toAbsolutePath();
    calcite = new PgWireServer(new PgWireServer.Config(InetAddress.getLoopbackAddress(), 0,
        model, new Properties(), users, 8, 10, 0, 0));
    Properties sa = new Properties();
    sa.setProperty("user", "sa");
    sa.setProperty("password", "");
    h2 = new PgWireServer(new PgWireServer.Config(InetAddress.getLoopbackAddress(), 0,
        "jdbc:divergence:h2:mem:pgwire;DB_CLOSE_DELAY=-1", sa, users, 8, 10, 0, 0));
  }

  @AfterAll
  void stop() throws Exception {
    calcite.close();
    h2.close();
  }

  private Connection connect(PgWireServer server, String options) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
        + "/any?user=analyst&password=" + PASSWORD + options);
  }

  private static double single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&preferQueryMode=simple", "&prepareThreshold=-1"})
  void pgjdbcQueriesOurFunctionsInEveryProtocolMode(String mode) throws SQLException {
    for (PgWireServer server : List.of(calcite, h2)) {
      try (Connection c = connect(server, mode)) {
        assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + SEED))
            .isCloseTo(SEED_KL, within(1e-16));
        // the smoothed form with alpha bound as text and as a double: alpha = 1 adds 1 to each
        // of the four weights on both sides (by hand, as in TextBoundConstantsTest)
        double smoothed = 1.2 / 5 * Math.log(1.2 / 1.1) + 1.3 / 5 * Math.log(1.3 / 1.4)
            + 1.4 / 5 * Math.log(1.4 / 1.3) + 1.1 / 5 * Math.log(1.1 / 1.2);
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT KL_DIVERGENCE(p, q, ?) AS kl FROM " + SEED)) {
          for (int round = 0; round < 6; round++) { // past pgjdbc's prepareThreshold of 5
            if (round % 2 == 0) {
              ps.setString(1, "1");
            } else {
              ps.setDouble(1, 1.0);
            }
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.getMetaData().getColumnLabel(1)).isEqualToIgnoringCase("kl");
              assertThat(rs.next()).isTrue();
              assertThat(rs.getDouble(1)).as("round %d%s", round, mode)
                  .isCloseTo(smoothed, within(1e-15));
            }
          }
        }
      }
    }
  }

  @Test
  void copyFromStdinLoadsEveryRowOrNone() throws Exception {
    try (Connection c = connect(h2, ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE loaded (id INT PRIMARY KEY, label VARCHAR(20), w DOUBLE PRECISION)");
      org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class)
          .getCopyAPI();
      // CSV: a quoted separator, an unquoted empty field (NULL), a quoted empty one ('')
      assertThat(copy.copyIn("COPY loaded FROM STDIN (FORMAT csv, HEADER)",
          new java.io.StringReader("id,label,w\n1,\"a, b\",0.25\n2,,\n3,\"\",1e-3\n")))
          .isEqualTo(3);
      // text: tab-separated, \N for NULL, a backslash escape
      assertThat(copy.copyIn("COPY loaded (id, label) FROM STDIN",
          new java.io.StringReader("4\tx\\ty\n5\t\\N\n"))).isEqualTo(2);
      // a bad value in the last row: no row of this COPY stays
      assertThatThrownBy(() -> copy.copyIn("COPY loaded FROM STDIN (FORMAT csv)",
          new java.io.StringReader("6,ok,1\n7,bad,not-a-number\n")))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> copy.copyIn("COPY loaded FROM STDIN (FORMAT csv)",
          new java.io.StringReader("8,too,1,many\n"))).hasMessageContaining("has 4 fields");
      StringBuilder rows = new StringBuilder();
      try (ResultSet rs = s.executeQuery("SELECT id, label, w FROM loaded ORDER BY id")) {
        while (rs.next()) {
          rows.append(rs.getInt(1)).append('|').append(rs.getString(2)).append('|')
              .append(rs.getString(3)).append('\n');
        }
      }
      assertThat(rows.toString()).isEqualTo("1|a, b|0.25\n2|null|null\n3||0.001\n"
          + "4|x\ty|null\n5|null|null\n");
    }
  }

  @Test
  void aSessionIdleInATransactionIsClosedAndItsLocksGo() throws Exception {
    try (Connection owner = connect(h2, ""); Statement s = owner.createStatement()) {
      s.execute("CREATE TABLE locked (id INT PRIMARY KEY, v INT)");
      s.execute("INSERT INTO locked VALUES (1, 1)");
    }
    Connection idle = connect(h2, "");
    idle.setAutoCommit(false);
    try (Statement s = idle.createStatement()) {
      s.executeQuery("SELECT * FROM locked FOR UPDATE").close();
      h2.sweepIdleTransactions(System.nanoTime(), 600); // not yet idle for 600 s: kept
      s.executeQuery("SELECT 1").close();
      // an hour later, seen from the watchdog: closed, its transaction rolled back (after the
      // session has gone back to waiting for its client)
      Thread.sleep(200);
      h2.sweepIdleTransactions(System.nanoTime() + 3_600_000_000_000L, 600);
      assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
    } finally {
      idle.close();
    }
    Thread.sleep(500);
    try (Connection owner = connect(h2, ""); Statement s = owner.createStatement()) {
      assertThat(s.executeUpdate("UPDATE locked SET v = 2 WHERE id = 1")).isEqualTo(1);
    }
  }

  @Test
  void anMd5UserLogsInWithMd5() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + calcite.port() + "/any?user=mduser&password=md5-secret")) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + SEED)).isCloseTo(SEED_KL,
          org.assertj.core.api.Assertions.within(1e-15));
    }
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + calcite.port() + "/any?user=mduser&password=wrong"))
        .hasMessageContaining("password authentication failed for user \"mduser\"");
  }

  @Test
  void rowsComeInPiecesThroughAPortal() throws SQLException {
    try (Connection c = connect(h2, "")) {
      c.setAutoCommit(false); // pgjdbc fetches in pieces only inside a transaction
      try (Statement s = c.createStatement()) {
        s.setFetchSize(3);
        List<Long> xs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT X FROM SYSTEM_RANGE(1, 10)")) {
          while (rs.next()) {
            xs.add(rs.getLong(1));
          }
        }
        assertThat(xs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      }
      c.commit();
    }
  }

  @Test
  void severalStatementsInOneSimpleQueryAnswerEach() throws SQLException {
    try (Connection c = connect(calcite, "&preferQueryMode=simple");
        Statement s = c.createStatement()) {
      assertThat(s.execute("SELECT 1 AS a; SELECT KL_DIVERGENCE(p, q) FROM " + SEED)).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      assertThat(s.getMoreResults()).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isCloseTo(SEED_KL, within(1e-16));
      }
    }
  }

  @Test
  void sessionSettingsAreAnsweredAsPostgresqlDoes() throws SQLException {
    try (Connection c = connect(calcite, "")) {
      try (Statement s = c.createStatement()) {
        s.execute("SET application_name = 'drift report'");
        try (ResultSet rs = s.executeQuery("SHOW application_name")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("drift report");
        }
        try (ResultSet rs = s.executeQuery("SHOW server_version")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("16.0");
        }
        assertThatThrownBy(() -> s.executeQuery("SHOW no_such_setting"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42704"));
      }
      assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(16);
      c.setAutoCommit(false);
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + SEED))
          .isCloseTo(SEED_KL, within(1e-16));
      c.commit();
    }
  }

  @Test
  void errorsCarryTheirSqlStateAndTheSessionGoesOn() throws SQLException {
    try (Connection c = connect(calcite, "")) {
      assertThatThrownBy(() -> single(c, "SELECT KL_DIVERGENCE(p, -1) FROM " + SEED))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage())
                .contains("KL_DIVERGENCE: q must be a finite non-negative weight, got -1.0");
          });
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + SEED))
          .isCloseTo(SEED_KL, within(1e-16));
    }
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefusedAlike() {
    for (String url : List.of("jdbc:postgresql://127.0.0.1:" + calcite.port()
        + "/x?user=analyst&password=wrong", "jdbc:postgresql://127.0.0.1:" + calcite.port()
        + "/x?user=nobody&password=" + PASSWORD)) {
      assertThatThrownBy(() -> DriverManager.getConnection(url).close())
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
    // refused TLS: the driver goes on without it only when told it may
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + calcite.port() + "/x?user=analyst&password=" + PASSWORD + "&sslmode=require").close())
        .isInstanceOf(SQLException.class);
  }

  /**
   * psql's output (errors included) for {@code args} against the Calcite server, after asserting
   * it exited 0; null where psql is not installed, which only a machine outside CI may lack.
   */
  private String psql(String... args) throws Exception {
    String psql = findPsql();
    if (psql == null) {
      assertThat(System.getenv("CI")).as("psql must be installed in CI (.ci/run)").isNull();
      return null;
    }
    List<String> command = new ArrayList<>(List.of(psql, "-h", "127.0.0.1", "-p",
        String.valueOf(calcite.port()), "-U", "analyst", "-d", "drift", "-X", "-v",
        "ON_ERROR_STOP=1"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", PASSWORD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void psqlRunsAQueryOverTheModel() throws Exception {
    String out = psql("-A", "-t", "-c", "SELECT KL_DIVERGENCE(p, q) FROM " + SEED + "; "
        + "SELECT 1 + 1");
    if (out == null) {
      return;
    }
    String[] lines = out.strip().split("\n");
    assertThat(Double.parseDouble(lines[0])).isCloseTo(SEED_KL, within(1e-16));
    assertThat(lines[1]).isEqualTo("2");
  }

  @Test
  void psqlCopiesAQueryAndATableOut(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path csv = dir.resolve("kl.csv");
    String out = psql("-c", "\\copy (SELECT 'a,b' AS label, KL_DIVERGENCE(p, q) AS kl, "
        + "CAST(NULL AS VARCHAR) AS nothing FROM " + SEED + ") to '" + csv
        + "' with (format csv, header)", "-c", "COPY (SELECT 1 AS one, 'x\ty' AS t, "
        + "CAST(NULL AS INT) AS n) TO STDOUT");
    if (out == null) {
      return;
    }
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualToIgnoringCase("label,kl,nothing");
    // the label quoted (it holds a comma), the number, an empty field for NULL
    String row = lines.get(1);
    assertThat(row).startsWith("\"a,b\",").endsWith(",");
    assertThat(Double.parseDouble(row.substring("\"a,b\",".length(), row.length() - 1)))
        .isCloseTo(SEED_KL, within(1e-16));
    // text format: a tab inside a value escaped, NULL as \N; psql prints what it received
    assertThat(out).contains("1\tx\\ty\t\\N").contains("COPY 1");
  }

  private static String findPsql() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, "psql").canExecute()) {
        return new File(dir, "psql").getPath();
      }
    }
    return null;
  }

  @Test
  void textAndBinaryFormatsOfTheCommonTypes() throws Exception {
    assertThat(PgTypes.float8(0.1)).isEqualTo("0.1");
    assertThat(PgTypes.float8(1e-5)).isEqualTo("1e-05");
    assertThat(PgTypes.float8(1e15)).isEqualTo("1e+15");
    assertThat(PgTypes.float8(123456.5)).isEqualTo("123456.5");
    assertThat(PgTypes.float8(-2.5e-300)).isEqualTo("-2.5e-300");
    assertThat(PgTypes.float8(Double.NaN)).isEqualTo("NaN");
    assertThat(PgTypes.text(true)).isEqualTo("t");
    assertThat(PgTypes.text(new byte[] {1, (byte) 0xab})).isEqualTo("\\x01ab");
    // numeric 12345.678 in base 10000: digits 1, 2345, 6780; weight 1; dscale 3
    assertThat(PgTypes.numeric(new java.math.BigDecimal("12345.678"))).containsExactly(
        0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1a, 0x7c);
    // -0.01: one digit 100 at weight -1, dscale 2
    assertThat(PgTypes.numeric(new java.math.BigDecimal("-0.01"))).containsExactly(
        0, 1, (byte) 0xff, (byte) 0xff, 0x40, 0, 0, 2, 0, 100);
  }

  @Test
  void dollarParametersBecomeQuestionMarksOutsideLiterals() {
    List<Integer> order = new ArrayList<>();
    assertThat(SqlParameters.dollarParameters("SELECT $2, '$1', \"$1\", f($1) -- $3\n", order))
        .isEqualTo("SELECT ?, '$1', \"$1\", f(?) -- $3\n");
    assertThat(order).containsExactly(2, 1);
  }

  private static PgWireServer small(int maxConnections, int idleSeconds) throws Exception {
    Properties sa = new Properties();
    sa.setProperty("user", "sa");
    sa.setProperty("password", "");
    return new PgWireServer(new PgWireServer.Config(InetAddress.getLoopbackAddress(), 0,
        "jdbc:divergence:h2:mem:pgwire-small;DB_CLOSE_DELAY=-1", sa,
        PgUsers.parse("analyst:" + PASSWORD, "test"), maxConnections, 10, idleSeconds, 0));
  }

  @Test
  void socketsThatNeverLogInDoNotKeepOutThoseThatDo() throws Exception {
    // was (today's --pg): 10 idle sockets against a cap of 8 let 0 of 119 logins in
    try (PgWireServer server = small(2, 0)) {
      List<java.net.Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          idle.add(new java.net.Socket(InetAddress.getLoopbackAddress(), server.port()));
        }
        Thread.sleep(200);
        try (Connection c = connect(server, "")) {
          assertThat(single(c, "SELECT 1")).isEqualTo(1.0);
          try (Connection d = connect(server, "")) {
            assertThat(single(d, "SELECT 2")).isEqualTo(2.0);
            // logged-in sessions are capped: a third is refused as PostgreSQL refuses it
            assertThatThrownBy(() -> connect(server, "").close())
                .isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("53300"));
          }
        }
      } finally {
        for (java.net.Socket s : idle) {
          s.close();
        }
      }
    }
  }

  @Test
  void failedLoginsSlowTheNextAttemptForTheSameUserFromAnyAddress() throws Exception {
    try (PgWireServer server = small(8, 0)) {
      String wrong = "jdbc:postgresql://127.0.0.1:" + server.port()
          + "/x?user=analyst&password=wrong";
      assertThatThrownBy(() -> DriverManager.getConnection(wrong).close())
          .isInstanceOf(SQLException.class);
      // from another loopback address: the user's own count still delays it (250 ms)
      long start = System.nanoTime();
      assertThatThrownBy(() -> DriverManager.getConnection(wrong
          + "&localSocketAddress=127.0.0.2").close()).isInstanceOf(SQLException.class);
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(240));
      // the right password still logs in (after the delay)
      try (Connection c = connect(server, "")) {
        assertThat(single(c, "SELECT 3")).isEqualTo(3.0);
      }
    }
  }

  @Test
  void anIdleSessionIsClosedAfterItsTimeout() throws Exception {
    try (PgWireServer server = small(8, 1); Connection c = connect(server, "")) {
      assertThat(single(c, "SELECT 1")).isEqualTo(1.0);
      Thread.sleep(2500);
      assertThatThrownBy(() -> single(c, "SELECT 1")).isInstanceOf(SQLException.class);
    }
  }
}
