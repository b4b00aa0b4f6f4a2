package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pg PORT --url jdbc:divergence:h2:PATH -n ADMIN -p PASSWORD}: the user's own file
 * database over the PostgreSQL wire, its users logging in with their own passwords and rights,
 * through the {@code -all} jar and the real psql and pgjdbc.
 */
class PgServeDatabaseIT {
  /** .2 ln 2 + .8 ln(8/9), by hand. */
  private static final double KL = 0.2 * Math.log(2) + 0.8 * Math.log(8.0 / 9);

  private static Jar.Run psql(int port, String user, String password, String database,
      String... sql) throws Exception {
    return PgServerIT.psql(port, user, password, database, sql);
  }

  @Test
  void itsOwnUsersWithTheirOwnRights(@TempDir Path dir) throws Exception {
    String url = "jdbc:divergence:h2:" + dir.resolve("db");
    List<String> console = serve(url, "admin", "admin-secret", port -> {
      // the admin (the database is new) sets it up
      Jar.Run admin = psql(port, "admin", "admin-secret", "db",
          "CREATE TABLE scores (band INT, p DOUBLE PRECISION, q DOUBLE PRECISION)",
          "INSERT INTO scores VALUES (1, 0.2, 0.1), (2, 0.8, 0.9)",
          "CREATE USER alice PASSWORD 'alice-secret'", "GRANT SELECT ON scores TO alice");
      assertThat(admin.exitCode()).as(admin.err()).isZero();

      // alice reads and calls the functions, and cannot create anything
      Jar.Run alice = psql(port, "alice", "alice-secret", "db",
          "SELECT KL_DIVERGENCE(p, q) AS kl FROM scores");
      assertThat(alice.exitCode()).as(alice.err()).isZero();
      assertThat(alice.out()).contains("0.0444030075868");
      Jar.Run create = psql(port, "alice", "alice-secret", "db", "CREATE TABLE mine (a INT)");
      assertThat(create.exitCode()).isNotZero();
      assertThat(create.err()).contains("Not enough rights");
      // a read-only user cannot lock the owner's rows (PostgreSQL asks FOR UPDATE for the right
      // to update); nor see the tables it has no right on
      Jar.Run lock = psql(port, "alice", "alice-secret", "db",
          "SELECT * FROM scores FOR UPDATE");
      assertThat(lock.exitCode()).isNotZero();
      assertThat(lock.err()).contains("permission denied for table scores");
      Jar.Run secret = psql(port, "admin", "admin-secret", "db",
          "CREATE TABLE hidden (a INT)");
      assertThat(secret.exitCode()).as(secret.err()).isZero();
      Jar.Run list = psql(port, "alice", "alice-secret", "db", "\\dt");
      assertThat(list.out()).contains("scores").doesNotContain("hidden");
      assertThat(psql(port, "alice", "wrong", "db", "SELECT 1").exitCode()).isNotZero();
      Jar.Run otherName = psql(port, "alice", "alice-secret", "divergence", "SELECT 1");
      assertThat(otherName.exitCode()).isNotZero();

      // the owner's command line reaches the served database through the server; opening the
      // file beside it is one line that says how
      Jar.Run cli = Jar.run(List.of(), null, java.util.Map.of("DIVERGENCE_DB_PASSWORD",
          "alice-secret"), "--url", "jdbc:postgresql://127.0.0.1:" + port + "/db", "-n", "alice",
          "--format", "csv", "-e", "SELECT KL_DIVERGENCE(p, q) AS kl FROM scores");
      assertThat(cli.exitCode()).as(cli.err()).isZero();
      assertThat(Double.parseDouble(cli.out().lines().toList().get(1))).isCloseTo(KL,
          within(1e-15));
      Jar.Run beside = Jar.run("--url", url, "-n", "admin", "-p", "admin-secret", "-e",
          "SELECT 1");
      assertThat(beside.exitCode()).isEqualTo(1);
      assertThat(beside.err().lines()).hasSize(1);
      assertThat(beside.err()).contains("another process has it open")
          .contains("--url jdbc:postgresql://HOST:PORT/NAME");

      // pgjdbc, alpha bound on the server
      java.util.Properties info = new java.util.Properties();
      info.setProperty("user", "alice");
      info.setProperty("password", "alice-secret");
      info.setProperty("prepareThreshold", "1");
      try (Connection c = new org.postgresql.Driver().connect(
          "jdbc:postgresql://127.0.0.1:" + port + "/db", info);
          java.sql.PreparedStatement ps = c.prepareStatement(
              "SELECT KL_DIVERGENCE(p, q, ?) FROM scores")) {
        ps.setDouble(1, 0.0);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).isCloseTo(KL, within(1e-15));
        }
      }
    });
    // the console: the banner suggests a user who may only read (the database had none), and
    // each refused login is one line
    assertThat(console).anyMatch(l -> l.contains("make a user who may only read"));
    assertThat(console).anyMatch(l -> l.startsWith("java -jar ")
        && l.contains("--url jdbc:postgresql://127.0.0.1:"));
    assertThat(console).contains(
        "divergence-sql: refused login of user \"alice\" from 127.0.0.1: wrong password or no "
            + "such user",
        "divergence-sql: refused login of user \"alice\" from 127.0.0.1: no database "
            + "\"divergence\" here");
    assertThat(console).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
    // the rows are in the file, which our driver opens as it was made (a new database keeps
    // names in lower case, as through our driver)
    try (Connection c = DriverManager.getConnection(url, "admin", "admin-secret");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE(p, q) FROM scores")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isCloseTo(KL, within(1e-15));
    }
  }

  /** Starts --pg over {@code url} as {@code admin}, runs {@code clients}, stops it. */
  private static List<String> serve(String url, String admin, String password, Clients clients)
      throws Exception {
    int port = PgServerIT.freePort();
    // the admin's password from the environment, not the command line (which ps shows)
    ProcessBuilder pb = new ProcessBuilder(Jar.javaExecutable(), "-jar", Jar.path().toString(),
        "--pg", String.valueOf(port), "--url", url, "-n", admin).redirectErrorStream(true);
    pb.environment().put("DIVERGENCE_DB_PASSWORD", password);
    Process server = pb.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    try {
      BufferedReader out = PgServerIT.reader(server);
      String ready = PgServerIT.awaitLine(out, l -> l.contains("listening on"), output);
      CompletableFuture.runAsync(() -> out.lines().forEach(output::add));
      assertThat(ready).as(String.join("\n", output)).contains("127.0.0.1:" + port)
          .contains("database " + url.substring(url.lastIndexOf('/') + 1) + ",");
      clients.run(port);
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Thread.sleep(200); // the reader takes the last lines
    return new ArrayList<>(output);
  }

  interface Clients {
    void run(int port) throws Exception;
  }

  @Test
  void aDatabaseMadeWithEitherNamingIsServedAsItIs(@TempDir Path dir) throws Exception {
    // H2's default (upper-case names, as our driver and CLI make them) and lower-case names
    // (DATABASE_TO_LOWER=TRUE): H2's PostgreSQL server asks for lower case on every session,
    // which showed an upper-case database as empty; the admin's connection now opens it first
    for (String naming : new String[] {"", ";DATABASE_TO_LOWER=TRUE"}) {
      String url = "jdbc:divergence:h2:" + dir.resolve("made" + naming.length());
      try (Connection c = DriverManager.getConnection(url + naming, "sa", "pw");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE scores (band INT, p DOUBLE PRECISION, q DOUBLE PRECISION)");
        s.execute("INSERT INTO scores VALUES (1, 0.2, 0.1), (2, 0.8, 0.9)");
        s.execute("CREATE USER bob PASSWORD 'bob-secret'");
        s.execute("GRANT SELECT ON scores TO bob");
      }
      serve(url, "sa", "pw", port -> {
        Jar.Run bob = psql(port, "bob", "bob-secret", "made" + naming.length(),
            "SELECT KL_DIVERGENCE(p, q) AS kl FROM scores", "\\dt");
        assertThat(bob.exitCode()).as(naming + bob.err()).isZero();
        assertThat(bob.out()).as(naming).contains("0.0444030075868")
            .containsPattern("(?i)public +\\| scores +\\| table")
            .doesNotContainIgnoringCase("information_schema");
      });
    }
    Jar.Run wrong = Jar.run("--pg", String.valueOf(PgServerIT.freePort()), "--url",
        "jdbc:divergence:h2:" + dir.resolve("made0"), "-n", "sa", "-p", "not-it");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("Wrong user name or password").doesNotContain("\tat ");
    assertThat(wrong.err().strip().lines().count()).isEqualTo(1);
    Jar.Run calcite = Jar.run("--pg", "5999", "--url", "jdbc:divergence:calcite:");
    assertThat(calcite.exitCode()).isEqualTo(2);
  }
}
