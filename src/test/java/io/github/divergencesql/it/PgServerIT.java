package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar … --pg PORT} with the real {@code psql} client: answers on 127.0.0.1, is not
 * reachable on the machine's other addresses, refuses a wrong password, gives its user no admin
 * powers, and stops on SIGTERM. CI installs psql (.ci/run); elsewhere the test is skipped
 * without it.
 */
@TestMethodOrder(MethodOrderer.MethodName.class) // zzStopsOnSigterm last
class PgServerIT {
  private static final String PASSWORD = "it-secret-42";
  private static Process server;
  private static int port;
  private static final List<String> serverOutput = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    boolean hasPsql = new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    if (System.getenv("CI") == null) {
      assumeTrue(hasPsql, "psql is not installed");
    }
    assertThat(hasPsql).as("psql must be installed in CI (.ci/run installs it)").isTrue();
    port = freePort();
    server = startServer(port, PASSWORD);
    BufferedReader out = reader(server);
    String ready = awaitLine(out, l -> l.contains("listening on"), serverOutput);
    // keep draining, so the server never blocks on a full pipe
    CompletableFuture.runAsync(() -> out.lines().forEach(serverOutput::add));
    assertThat(ready).contains("listening on 127.0.0.1:" + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code java -jar … --pg PORT [extra]}, DIVERGENCE_PASSWORD = password (unset if null). */
  static Process startServer(int port, String password, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(Jar.javaExecutable(), "-jar",
        Jar.path().toString(), "--pg", String.valueOf(port)));
    command.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(command);
    if (password == null) {
      pb.environment().remove("DIVERGENCE_PASSWORD");
    } else {
      pb.environment().put("DIVERGENCE_PASSWORD", password);
    }
    pb.redirectErrorStream(true);
    return pb.start();
  }

  static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads lines (keeping them in {@code seen}) until one matches; within 60 s. */
  static String awaitLine(BufferedReader out, Predicate<String> match, List<String> seen)
      throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          seen.add(line);
          if (match.test(line)) {
            return line;
          }
        }
        return null;
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }).get(60, TimeUnit.SECONDS);
  }

  /** Connecting to host:port must fail. */
  static void assertRefused(InetAddress host, int port) {
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 2000);
      }
    }).as("connect to %s:%d", host, port).isInstanceOf(IOException.class);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  private static Jar.Run psql(String password, String... sql) throws Exception {
    return psql(port, "divergence", password, "divergence", sql);
  }

  /** psql on 127.0.0.1:port as user, database, running each sql with -c, stopping at an error. */
  static Jar.Run psql(int port, String user, String password, String database, String... sql)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-p",
        String.valueOf(port), "-U", user, "-v", "ON_ERROR_STOP=1", database));
    for (String s : sql) {
      command.addAll(List.of("-c", s));
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = Jar.drain(p.getInputStream());
    CompletableFuture<String> err = Jar.drain(p.getErrorStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Jar.Run(p.exitValue(), out.join(), err.join());
  }

  @Test
  void psqlRunsTheFunctions() throws Exception {
    Jar.Run r = psql(PASSWORD, "SELECT KL_DIVERGENCE(class_a, class_b) AS kl FROM grades",
        "SELECT experiment, PSI_BY(band, CASE WHEN arm = 'A' THEN n END, "
            + "CASE WHEN arm = 'B' THEN n END, 1) AS psi FROM results GROUP BY experiment "
            + "ORDER BY experiment");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // seed 0.1 ln(8/3) by hand; ranking's smoothed PSI from references.py (mpmath)
    assertThat(r.out()).contains("0.0980829253011726").contains("0.60263721207257");
  }

  @Test
  void ourErrorsReachPsql() throws Exception {
    Jar.Run r = psql(PASSWORD, "SELECT KL_DIVERGENCE(-1, 1)");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("KL_DIVERGENCE: p must be a finite non-negative weight, got -1.0");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Jar.Run r = psql("not-the-password", "SELECT 1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out()).doesNotContain("1 row");
  }

  @Test
  void theUserIsNotAnAdmin() throws Exception {
    for (String sql : new String[] {"CREATE ALIAS EXIT_NOW FOR 'java.lang.System.exit'",
        "SELECT * FROM CSVREAD('/etc/passwd')", "RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'"}) {
      Jar.Run r = psql(PASSWORD, sql);
      assertThat(r.exitCode()).as(sql).isNotZero();
      assertThat(r.err()).as(sql).contains("Admin rights are required");
    }
    assertThat(psql(PASSWORD, "SELECT 1 AS still_up").out()).contains("still_up");
  }

  @Test
  void onlyLoopbackListens() throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          others.add(a);
        }
      }
    }
    assumeTrue(!others.isEmpty(), "this machine has no non-loopback IPv4 address");
    for (InetAddress a : others) {
      assertRefused(a, port); // this machine's own address: nothing leaves the host
    }
  }

  @Test
  void withoutThePasswordVariableARandomOneIsPrintedOnce() throws Exception {
    int other = freePort();
    Process p = startServer(other, null);
    try {
      String line = awaitLine(reader(p), l -> l.startsWith("password"), new ArrayList<>());
      assertThat(line).isNotNull();
      String password = line.substring(line.lastIndexOf(' ') + 1);
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      int saved = port;
      port = other;
      try {
        assertThat(psql(password, "SELECT ENTROPY(n) AS h FROM traffic").exitCode()).isZero();
        assertThat(psql(PASSWORD, "SELECT 1").exitCode()).isNotZero();
      } finally {
        port = saved;
      }
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void anExplicitBindAddressIsHonoured() throws Exception {
    // 127.0.0.2 is loopback too (127.0.0.0/8): listening there and not on 127.0.0.1 shows the
    // flag moves the socket, without exposing anything beyond this machine
    int other = freePort();
    Process p = startServer(other, PASSWORD, "--pg-bind", "127.0.0.2");
    try {
      String ready = awaitLine(reader(p), l -> l.contains("listening on"), new ArrayList<>());
      assertThat(ready).contains("listening on 127.0.0.2:" + other);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), other), 2000);
      }
      assertRefused(InetAddress.getByName("127.0.0.1"), other);
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void pgjdbcBindsParametersInServerSidePreparedStatements() throws Exception {
    // prepareThreshold=1: every statement is a named server-side prepare (Parse, Bind, Execute);
    // at connect pgjdbc sends SET extra_float_digits = 2, which the front answers (H2 cannot)
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", "divergence");
    info.setProperty("password", PASSWORD);
    info.setProperty("prepareThreshold", "1");
    try (java.sql.Connection c = new org.postgresql.Driver().connect(
        "jdbc:postgresql://127.0.0.1:" + port + "/divergence", info)) {
      for (int run = 0; run < 3; run++) {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT experiment, "
            + "KL_DIVERGENCE_BY(band, CASE WHEN arm = ? THEN n END, CASE WHEN arm = ? THEN n END, ?)"
            + " AS kl FROM results WHERE experiment = ? GROUP BY experiment")) {
          ps.setString(1, "B");
          ps.setString(2, "A");
          ps.setDouble(3, 1.0);
          ps.setString(4, "banner");
          try (java.sql.ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            // docs/functions.md's recipe: banner's Laplace-smoothed KL(B||A), 0.017644593105905364
            assertThat(rs.getDouble(2)).isCloseTo(0.017644593105905364,
                org.assertj.core.api.Assertions.within(1e-15));
          }
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement(
            "SELECT KL_DIVERGENCE(?, ?), GAUSSIAN_KL(?, ?, ?, ?)")) {
          for (int i = 1; i <= 6; i++) {
            ps.setDouble(i, 1.0);
          }
          try (java.sql.ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(0.0);
            assertThat(rs.getDouble(2)).isEqualTo(0.0);
          }
        }
      }
    }
  }

  @Test
  void psqlCatalogCommandsWork() throws Exception {
    // \dt, \d TABLE and \df send psql's catalog queries, which the session's catalog answers
    Jar.Run r = psql(PASSWORD, "\\dt", "\\d grades", "\\df kl*");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).containsPattern("public \\| grades +\\| table")
        .containsPattern("public \\| results +\\| table")
        .contains("Table \"public.grades\"")
        .containsPattern("class_a +\\| double precision")
        .containsPattern("kl_divergence +\\| double precision \\| p double precision, "
            + "q double precision +\\| agg")
        .containsPattern("kl_divergence +\\| double precision \\| p double precision, "
            + "q double precision, alpha double precision +\\| agg")
        .containsPattern("kl_divergence_by +\\| double precision \\| key anyelement, "
            + "p double precision, q double precision")
        .doesNotContain("psi ");
  }

  @Test
  void pgjdbcReadsTheCatalog() throws Exception {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", "divergence");
    info.setProperty("password", PASSWORD);
    try (java.sql.Connection c = new org.postgresql.Driver().connect(
        "jdbc:postgresql://127.0.0.1:" + port + "/divergence", info)) {
      java.sql.DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (java.sql.ResultSet rs = md.getSchemas()) { // was: Function "current_schemas" not found
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(schemas).contains("public");
      List<String> tables = new ArrayList<>();
      try (java.sql.ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("grades", "results", "traffic");
      List<String> columns = new ArrayList<>();
      try (java.sql.ResultSet rs = md.getColumns(null, "public", "grades", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns).containsExactly("grade varchar", "class_a float8", "class_b float8");
    }
  }

  @Test
  void pythonClientsBindAlphaAndReadAGroupBy() throws Exception {
    // Debian's python3 with python3-psycopg2, python3-psycopg, python3-sqlalchemy (1.4) and
    // python3-pandas (.ci/run installs them)
    String python = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3"))
        ? "/usr/bin/python3" : "python3";
    Process p = new ProcessBuilder(python, "src/test/resources/clients/pg_clients.py",
        String.valueOf(port), PASSWORD).redirectErrorStream(true).start();
    CompletableFuture<String> out = Jar.drain(p.getInputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = out.join();
    if (System.getenv("CI") == null) {
      assumeTrue(!text.contains("No module named"), "Python PostgreSQL clients not installed");
    }
    // banner's Laplace-smoothed KL(B||A), as pgjdbc binds it above (docs/functions.md's recipe)
    assertThat(text).contains("psycopg2 0.017644593105905364")
        .contains("psycopg3 0.017644593105905364");
    // PSI_BY with alpha 1 per experiment; ranking's from references.py (mpmath), as psql above
    assertThat(text).containsPattern("sqlalchemy_pandas banner=[0-9.e-]+,checkout=[0-9.e-]+,"
        + "ranking=0\\.60263721207257");
  }

  @Test
  void aBusyPortIsOneClearLine() throws Exception {
    Jar.Run r = Jar.run(null, java.util.Map.of("DIVERGENCE_PASSWORD", PASSWORD), "--pg",
        String.valueOf(port));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("divergence-sql: cannot listen on 127.0.0.1:" + port)
        .doesNotContain("\tat ").doesNotContain("\n");
  }

  @Test
  void aWrongPasswordIsOneClearLine() throws Exception {
    Jar.Run r = psql("not-the-password", "SELECT 1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("password authentication failed");
  }

  @Test
  void zzStopsOnSigterm() throws Exception {
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    assertRefused(InetAddress.getLoopbackAddress(), port);
  }
}
