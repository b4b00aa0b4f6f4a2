package io.github.divergencesql.cli;

import io.github.divergencesql.jdbc.DivergenceDriver;
import io.github.divergencesql.jdbc.H2Naming;
import io.github.divergencesql.pg.PgWireServer;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * {@code --pg PORT} over an H2 database (the default database with the example tables, or a file
 * database given with --url) through our PostgreSQL protocol layer ({@link PgWireServer}, package
 * {@code pg}) and its catalog, logging clients in as the database's own users.
 *
 * <ul>
 *   <li>The server listens on 127.0.0.1 unless {@code --pg-bind} says otherwise, bounds what a
 *       client can make it hold before it has logged in, caps connections, throttles wrong
 *       passwords per address and per user, and cancels the statement of a client that leaves.
 *   <li>{@code --pg-statement-timeout}: a ceiling on every statement a client cannot lift.
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

  /**
   * The command line's --pg options; {@code url} null for the default database, else a
   * {@code jdbc:divergence:h2:} file database opened by {@code user} (an admin of it).
   */
  record Options(int port, String bind, int maxConnections, int handshakeSeconds,
      int idleSeconds, int statementSeconds, String url, String user, String password) {}

  /**
   * The name clients give for the file database of {@code url}: its file name without the
   * path ({@code db} for {@code jdbc:divergence:h2:/data/db}); null when {@code url} is no
   * local file database.
   */
  static String databaseName(String url) {
    String path = url.substring(DivergenceDriver.H2_PREFIX.length()).split(";", 2)[0];
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    if (path.isBlank() || lower.startsWith("mem:") || lower.startsWith("tcp:")
        || lower.startsWith("ssl:") || path.endsWith("/")) {
      return null;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    name = name.substring(name.indexOf(':') + 1); // file:db, nio:db
    return name.isEmpty() ? null : name;
  }

  static int serve(Options o) throws SQLException, InterruptedException, IOException {
    // read by H2 when its SysProperties class loads: must precede every other use of H2. H2's
    // wrong-password delay holds a lock that every login waits for, so the server throttles
    // per client address and per user instead
    System.setProperty("h2.delayWrongPasswordMin", "0");
    System.setProperty("h2.delayWrongPasswordMax", "0");
    String name;
    String sessionUrl;
    Database database;
    String password = null;
    boolean generated = false;
    if (o.url() == null) {
      password = System.getenv(PASSWORD_VARIABLE);
      generated = password == null || password.isEmpty();
      if (generated) {
        password = randomPassword();
      }
      String examplePassword = password;
      String adminPassword = randomPassword();
      name = DATABASE;
      // the database's settings are the admin's; a session only joins (setting them is for
      // admins)
      sessionUrl = DivergenceDriver.H2_PREFIX + "mem:divergence";
      database = new Database(() -> createExample(adminPassword, examplePassword));
    } else {
      name = databaseName(o.url());
      String h2Url = o.url().substring(DivergenceDriver.H2_PREFIX.length());
      boolean lower = storesLowerCase(h2Url, o.user(), o.password());
      // upper case: psql's catalog queries name pg_catalog's system column oid in lower case,
      // which H2 matches only with case-insensitive identifiers
      String hold = o.url() + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH"
          + (lower ? ";DATABASE_TO_LOWER=TRUE" : ";CASE_INSENSITIVE_IDENTIFIERS=TRUE");
      sessionUrl = o.url() + (lower ? ";DATABASE_TO_LOWER=TRUE" : "");
      database = new Database(() -> {
        Connection c = DriverManager.getConnection(hold, o.user(), o.password());
        checkNaming(c, lower);
        return c;
      });
    }
    // IFEXISTS: a session joins the database the admin holds open, never makes a new one;
    // LAZY_QUERY_EXECUTION: a result streams to the client row by row instead of being built in
    // memory first (60M rows once exhausted a 512 MiB heap)
    sessionUrl += ";IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE";
    PgWireServer front;
    try {
      front = new PgWireServer(new PgWireServer.Config(InetAddress.getByName(o.bind()), o.port(),
          sessionUrl, new java.util.Properties(), null, o.maxConnections(),
          o.handshakeSeconds(), o.idleSeconds(), o.statementSeconds(), name));
    } catch (IOException e) {
      database.close();
      throw e;
    }
    MemoryGuard.install(() -> front.cancelLongest("the statement was cancelled: the server's "
        + "heap was nearly full (more than " + Math.round(MemoryGuard.FRACTION * 100)
        + " % live after a collection); give it more memory (-Xmx) or ask for less"));
    database.watch();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        front.close();
      } catch (IOException e) {
        // the JVM is exiting; nothing to add
      }
      database.close();
      stopped.countDown();
    }, "divergence-pg-shutdown"));
    String user = o.url() == null ? USER : loginHint(database, o.user());
    System.out.println("divergence-sql PostgreSQL server listening on " + o.bind() + ":"
        + front.port() + ", database " + name + ", user " + (o.url() == null ? USER
        : "any user of " + o.url()));
    if (generated) {
      System.out.println("password (set " + PASSWORD_VARIABLE + " to choose one): " + password);
    }
    System.out.println("psql -h " + o.bind() + " -p " + front.port() + " -U " + user + " "
        + name);
    System.out.println("java -jar " + Cli.jarName() + " --url jdbc:postgresql://" + o.bind()
        + ":" + front.port() + "/" + name + " -n " + user + "   (the password from $"
        + Cli.DB_PASSWORD_VARIABLE + " or -p)");
    if (o.url() != null && user.equals(o.user())) {
      System.out.println("(" + user + " is an admin: for tools and people, make a user who may "
          + "only read: CREATE USER reader PASSWORD '...'; GRANT SELECT ON SCHEMA PUBLIC TO "
          + "reader)");
    }
    System.out.flush();
    stopped.await();
    return Cli.OK;
  }

  /**
   * The user the banner suggests: one of the database's users who is not an admin (the first by
   * name), else the admin the server was started with.
   */
  private static String loginHint(Database database, String admin) {
    try (Statement s = database.admin.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT USER_NAME FROM INFORMATION_SCHEMA.USERS "
            + "WHERE NOT IS_ADMIN ORDER BY USER_NAME FETCH FIRST 1 ROW ONLY")) {
      return rs.next() ? rs.getString(1).toLowerCase(java.util.Locale.ROOT) : admin;
    } catch (SQLException e) {
      return admin;
    }
  }

  /**
   * The example database: an admin creates it with the example tables and the user
   * {@code divergence}, with the settings H2's PG server asks for on every connection (which
   * only an admin may set).
   */
  private static Connection createExample(String adminPassword, String password)
      throws SQLException {
    Connection c = DriverManager.getConnection(Cli.DEFAULT_URL + PG_SETTINGS, "admin",
        adminPassword);
    try (Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM 'classpath:/examples/tables.sql'");
      s.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD '"
          + password.replace("'", "''") + "'");
      s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + USER);
    }
    return c;
  }

  /**
   * Whether the file database of {@code h2Url} keeps its names in lower case, as our driver
   * decides it for every connection ({@link H2Naming#storesLowerCase}): the admin's connection
   * opens it first, with the settings H2's PostgreSQL mode needs, so it must choose as the
   * driver would.
   */
  private static boolean storesLowerCase(String h2Url, String user, String password)
      throws SQLException {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return H2Naming.storesLowerCase(h2Url, info);
  }

  /**
   * Fails when the database is open with the other naming: a client logged in while it was
   * closed (after a fatal error) and opened it with H2's PostgreSQL settings first.
   */
  private static void checkNaming(Connection c, boolean lower) throws SQLException {
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM "
            + (lower ? "information_schema.settings WHERE setting_name"
                : "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME") + " = 'DATABASE_TO_LOWER'")) {
      if (rs.next() && Boolean.parseBoolean(rs.getString(1)) != lower) {
        c.close();
        throw new SQLException("the database is open with " + (lower ? "upper" : "lower")
            + "-case names; restart the server", "55000");
      }
    }
  }

  /** Opens the served database as its admin. */
  private interface Opener {
    Connection open() throws SQLException;
  }

  /**
   * The served database, held open by an admin's connection (with the settings H2's PG server
   * asks for) and opened (the example: created) again if H2 closes it after a fatal error (an
   * OutOfMemoryError in a query makes H2 close the database; every later login then failed with
   * "Database not found" while the process lived on).
   */
  private static final class Database {
    private final Opener opener;
    private volatile Connection admin;
    private volatile boolean closed;

    Database(Opener opener) throws SQLException {
      this.opener = opener;
      this.admin = opener.open();
    }

    private Connection create() throws SQLException {
      return opener.open();
    }

    /** Checks every second that the database is there, and creates it again if not. */
    void watch() {
      Thread t = new Thread(() -> {
        while (!closed) {
          try {
            Thread.sleep(1000);
            try (Statement s = admin.createStatement()) {
              s.executeQuery("SELECT 1").close();
            } catch (SQLException e) {
              if (!closed) {
                try {
                  admin.close();
                } catch (SQLException ignored) {
                  // it is closed already
                }
                admin = create();
                System.out.println("divergence-sql: the database was closed after an error "
                    + "and has been opened again (" + e.getMessage() + ")");
              }
            }
          } catch (InterruptedException e) {
            return;
          } catch (SQLException e) {
            if ("55000".equals(e.getSQLState())) { // open with the other naming: stop serving
              System.err.println("divergence-sql: " + e.getMessage());
              System.exit(Cli.FAILED);
            }
          } catch (Throwable e) {
            // creating it again failed (out of memory still?): try again in a second
          }
        }
      }, "divergence-pg-database");
      t.setDaemon(true);
      t.start();
    }

    void close() {
      closed = true;
      try {
        admin.close();
      } catch (SQLException e) {
        // the JVM is exiting; nothing to add
      }
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
