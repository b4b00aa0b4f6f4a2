package io.github.divergencesql.cli;

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
 *   <li>Listens on 127.0.0.1 only unless {@code --pg-bind} says otherwise: H2's own server binds
 *       every interface and turns remote clients away only after accepting them, so the bind
 *       address is set through H2's {@code h2.bindAddress} before H2 is loaded.
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

  static int serve(int port, String bind) throws SQLException, InterruptedException {
    // read by H2 when its SysProperties class loads: must precede every other use of H2
    System.setProperty("h2.bindAddress", bind);
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
    Server server = Server.createPgServer("-pgPort", String.valueOf(port),
        "-key", DATABASE, "mem:divergence;IGNORE_UNKNOWN_SETTINGS=TRUE", "-ifExists").start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      try {
        admin.close();
      } catch (SQLException e) {
        // the JVM is exiting; nothing to add
      }
      stopped.countDown();
    }, "divergence-pg-shutdown"));
    System.out.println("divergence-sql PostgreSQL server listening on " + bind + ":"
        + server.getPort() + ", database " + DATABASE + ", user " + USER);
    if (generated) {
      System.out.println("password (set " + PASSWORD_VARIABLE + " to choose one): " + password);
    }
    System.out.println("psql -h " + bind + " -p " + server.getPort() + " -U " + USER + " "
        + DATABASE);
    System.out.flush();
    stopped.await();
    return Main.OK;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
