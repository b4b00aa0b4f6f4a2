package io.github.divergencesql.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;

/**
 * {@code --pg PORT}: H2's PostgreSQL-wire server over the default database (functions and example
 * tables), for psql and other PostgreSQL clients.
 *
 * <ul>
 *   <li>Clients talk to {@link PgFront}, which listens on 127.0.0.1 unless {@code --pg-bind} says
 *       otherwise, bounds what a client can make the server hold before it has logged in,
 *       caps connections, throttles wrong passwords per address and cancels the statement of a
 *       client that leaves; it relays to H2's PostgreSQL server on a private loopback port
 *       (H2's {@code h2.bindAddress}, set before H2 is loaded).
 *   <li>{@code --pg-statement-timeout}: every session's QUERY_TIMEOUT.
 *   <li>Database {@code divergence}, user {@code divergence}; the password comes from
 *       {@code DIVERGENCE_PASSWORD}, or is random and printed once. The user is not an H2 admin:
 *       it can query the tables and call the functions, not create Java aliases or read files.
 *   <li>Stops on SIGTERM or Ctrl-C (a shutdown hook stops the server and closes the database).
 * </ul>
 */
final class PgServer {
  static final String DATABASE = "divergence";
  static final String USER = "divergence";
  static final String PASSWORD_VARIABLE = "DIVERGENCE_PASSWORD";

  /** What H2's PG server sets on each connection (PgServerThread). */
  private static final String PG_SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private PgServer() {}

  /** The command line's --pg options. */
  record Options(int port, String bind, int maxConnections, int handshakeSeconds,
      int statementSeconds) {}

  static int serve(Options o) throws SQLException, InterruptedException, IOException {
    // read by H2 when its SysProperties class loads: must precede every other use of H2. H2's
    // server listens on loopback only, behind PgFront; its wrong-password delay holds a lock
    // that every login waits for, so PgFront throttles per client address instead
    System.setProperty("h2.bindAddress", "127.0.0.1");
    System.setProperty("h2.delayWrongPasswordMin", "0");
    System.setProperty("h2.delayWrongPasswordMax", "0");
    String adminPassword = randomPassword();
    String password = System.getenv(PASSWORD_VARIABLE);
    boolean generated = password == null || password.isEmpty();
    if (generated) {
      password = randomPassword();
    }
    // The database is created here, by an admin, with the settings H2's PG server asks for on
    // every connection (which only an admin may set; PostgreSQL mode also brings pg_catalog).
    Connection admin = DriverManager.getConnection(Main.DEFAULT_URL + PG_SETTINGS, "admin",
        adminPassword);
    try (Statement s = admin.createStatement()) {
      s.execute("RUNSCRIPT FROM 'classpath:/examples/tables.sql'");
      s.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD '" + password.replace("'", "''")
          + "'");
      s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + USER);
    }
    // IGNORE_UNKNOWN_SETTINGS: the server's own SET MODE etc. fail for a non-admin user; the
    // database already has those values
    String sessionSettings = o.statementSeconds() > 0
        ? ";QUERY_TIMEOUT=" + o.statementSeconds() * 1000L : "";
    Server server = Server.createPgServer("-pgPort", String.valueOf(freeLoopbackPort()),
        "-key", DATABASE, "mem:divergence;IGNORE_UNKNOWN_SETTINGS=TRUE" + sessionSettings,
        "-ifExists").start();
    PgFront front;
    try {
      front = new PgFront(InetAddress.getByName(o.bind()), o.port(), server.getPort(),
          o.maxConnections(), o.handshakeSeconds());
    } catch (IOException e) {
      server.stop();
      admin.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        front.close();
      } catch (IOException e) {
        // the JVM is exiting; nothing to add
      }
      server.stop();
      try {
        admin.close();
      } catch (SQLException e) {
        // the JVM is exiting; nothing to add
      }
      stopped.countDown();
    }, "divergence-pg-shutdown"));
    System.out.println("divergence-sql PostgreSQL server listening on " + o.bind() + ":"
        + front.port() + ", database " + DATABASE + ", user " + USER);
    if (generated) {
      System.out.println("password (set " + PASSWORD_VARIABLE + " to choose one): " + password);
    }
    System.out.println("psql -h " + o.bind() + " -p " + front.port() + " -U " + USER + " "
        + DATABASE);
    System.out.flush();
    stopped.await();
    return Main.OK;
  }

  /** A port nothing listens on now, for H2's server behind the front. */
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
