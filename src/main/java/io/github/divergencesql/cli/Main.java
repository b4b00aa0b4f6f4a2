package io.github.divergencesql.cli;

import io.github.divergencesql.jdbc.DivergenceDriver;
import io.github.divergencesql.jdbc.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/**
 * {@code java -jar divergence-sql-<version>-all.jar}: an sqlline shell, a one-shot query, SQL files,
 * or a PostgreSQL-wire server, on an embedded H2 database that has the functions and the example
 * tables, or on any {@code jdbc:divergence:} URL.
 *
 * <p>Exit codes: 0 success, 1 an SQL or I/O error, 2 wrong arguments.
 */
@Command(name = "divergence-sql", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
        "Distribution divergences (KL_DIVERGENCE, JS_DIVERGENCE, PSI, ...) in SQL.",
        "With no FILE and no -e: an interactive sqlline shell. The default database is an",
        "embedded in-memory H2 with every function and the example tables (grades, results,",
        "traffic, latents, bands_pivot)."},
    exitCodeOnInvalidInput = Main.USAGE, exitCodeOnExecutionException = Main.FAILED,
    footer = {"", "Exit codes: 0 success, 1 SQL or I/O error, 2 wrong arguments."})
public final class Main implements Callable<Integer> {
  /** {@code --version}: the POM's version, through {@link Version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"divergence-sql " + Version.VERSION};
    }
  }

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** The default database: in-memory H2, functions registered by the driver. */
  public static final String DEFAULT_URL =
      DivergenceDriver.H2_PREFIX + "mem:divergence;DB_CLOSE_DELAY=-1";

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
      description = "Run this SQL, print the result table, exit.")
  String sql;

  @Option(names = "--url", paramLabel = "JDBC_URL",
      description = "Connect here instead: jdbc:divergence:h2:... or jdbc:divergence:calcite:... "
          + "(e.g. jdbc:divergence:calcite:model=examples/csv-model.json), or "
          + "jdbc:postgresql://HOST:PORT/NAME for a database served with --pg.")
  String url;

  @Option(names = "--driver-jar", paramLabel = "PATH",
      description = "Load the JDBC driver(s) in this jar, for a Calcite model's jdbc schema "
          + "(repeatable; PostgreSQL's and H2's drivers are built in).")
  List<Path> driverJars = new ArrayList<>();

  @Option(names = {"-n", "--user"},
      description = "User name for --url (an H2 URL without -n: sa).")
  String user = "";

  @Option(names = {"-p", "--password"},
      description = "Password for --url (or $DIVERGENCE_DB_PASSWORD, which ps does not show).")
  String password = "";

  /** The password for --url when -p is not given: kept out of the command line. */
  static final String DB_PASSWORD_VARIABLE = "DIVERGENCE_DB_PASSWORD";

  @Option(names = "--csv", paramLabel = "DIR",
      description = "Query the CSV files of DIR instead: each FILE.csv is a table FILE, column "
          + "types inferred from the data (integer, number, text), headers usable unquoted.")
  Path csv;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output of -e and FILE.sql runs: ${COMPLETION-CANDIDATES} "
          + "(default ${DEFAULT-VALUE}); csv and tsv with a header line and numbers unquoted, "
          + "json an array of row objects per statement, jsonl an object per row and line.")
  ResultWriter.Format format;

  @Option(names = "--pg", paramLabel = "PORT",
      description = "Serve the default database over the PostgreSQL wire protocol on PORT "
          + "(database and user 'divergence', password from $DIVERGENCE_PASSWORD or printed once),"
          + " or with --url jdbc:divergence:h2:PATH that database (-n/-p: an admin of it; "
          + "clients log in as its users, database name: the file's name).")
  Integer pgPort;

  @Option(names = "--pg-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the --pg server listens on (default ${DEFAULT-VALUE}; anything else "
          + "exposes it to other hosts).")
  String pgBind;

  @Option(names = "--pg-max-connections", paramLabel = "N", defaultValue = "64",
      description = "At most N clients at once, logged in or not (default ${DEFAULT-VALUE}).")
  int pgMaxConnections;

  @Option(names = "--pg-handshake-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Close a connection that has not logged in after SECONDS "
          + "(default ${DEFAULT-VALUE}).")
  int pgHandshakeTimeout;

  @Option(names = "--pg-idle-timeout", paramLabel = "SECONDS", defaultValue = "3600",
      description = "With --pg over a Calcite model: close a session idle for SECONDS between "
          + "statements (default ${DEFAULT-VALUE}; 0: never).")
  int pgIdleTimeout;

  @Option(names = "--pg-statement-timeout", paramLabel = "SECONDS", defaultValue = "0",
      description = "Cancel any statement that runs longer than SECONDS (default 0: no limit).")
  int pgStatementTimeout;

  @Option(names = "--continue-on-error",
      description = "Run every statement of -e and FILE.sql even after one fails (the exit "
          + "code is still 1); by default the run stops at the first failing statement.")
  boolean continueOnError;

  @Option(names = "--pg-users", paramLabel = "FILE",
      description = "With --pg over a Calcite model: the users who may log in, a line each, "
          + "name:password or name:SCRAM-SHA-256$... (or the same lines in $"
          + USERS_VARIABLE + ").")
  Path pgUsers;

  @Option(names = "--cds-training", hidden = true,
      description = "The build's class-data-sharing training run (CdsTraining).")
  boolean cdsTraining;

  @Parameters(paramLabel = "FILE.sql", description = "SQL files to run, in order.")
  List<Path> files = new ArrayList<>();

  public static void main(String[] args) {
    System.setProperty("org.jline.terminal.dumb", "true");
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new Main());
    String command = "java -jar " + jarName();
    line.setCommandName(command);
    line.getCommandSpec().usageMessage().footer("",
        "Exit codes: 0 success, 1 SQL or I/O error, 2 wrong arguments.",
        "Example: " + command + " -e \"SELECT KL_DIVERGENCE(class_a, class_b) FROM grades\"");
    return line.execute(args);
  }

  /**
   * The jar this class was loaded from, as the user would type it: its path relative to the
   * working directory when it is below it ({@code target/divergence-sql-0.1.0-all.jar}), else
   * its file name; outside a jar (tests, IDE), the name the build gives it.
   */
  static String jarName() {
    try {
      java.security.CodeSource source = Main.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path jar = Path.of(source.getLocation().toURI());
        if (jar.getFileName() != null && jar.getFileName().toString().endsWith(".jar")) {
          Path here = Path.of("").toAbsolutePath();
          return jar.startsWith(here) ? here.relativize(jar).toString()
              : jar.getFileName().toString();
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // an unusual class loader: fall back to the built name
    }
    return "divergence-sql-" + Version.VERSION + "-all.jar";
  }

  @Override
  public Integer call() throws Exception {
    if (cdsTraining) {
      return CdsTraining.run();
    }
    if (password.isEmpty() && System.getenv(DB_PASSWORD_VARIABLE) != null) {
      password = System.getenv(DB_PASSWORD_VARIABLE);
    }
    for (Path jar : driverJars) {
      if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
        return usage("cannot read --driver-jar " + jar);
      }
    }
    if (!driverJars.isEmpty()) {
      DriverJars.load(driverJars);
    }
    if (pgPort != null) {
      if (sql != null || !files.isEmpty() || csv != null) {
        return usage("--pg serves a database; it takes no -e, --csv or FILE");
      }
      if (url != null && (url.startsWith(DivergenceDriver.CALCITE_PREFIX) || pgUsers != null
          || System.getenv(USERS_VARIABLE) != null)) {
        return serveGateway(); // our protocol layer and catalog; users given to the server
      }
      if (url != null && (!url.startsWith(DivergenceDriver.H2_PREFIX)
          || PgServer.databaseName(url) == null)) {
        return usage("--pg --url serves an H2 file database (jdbc:divergence:h2:PATH) or a "
            + "Calcite model (jdbc:divergence:calcite:model=...), got " + url);
      }
      if (pgMaxConnections < 1 || pgHandshakeTimeout < 1 || pgStatementTimeout < 0) {
        return usage("--pg-max-connections and --pg-handshake-timeout take a number >= 1, "
            + "--pg-statement-timeout one >= 0");
      }
      try {
        return PgServer.serve(new PgServer.Options(pgPort, pgBind, pgMaxConnections,
            pgHandshakeTimeout, pgIdleTimeout, pgStatementTimeout, url,
            user.isEmpty() ? "sa" : user, password));
      } catch (java.net.BindException e) {
        System.err.println("divergence-sql: cannot listen on " + pgBind + ":" + pgPort + ": "
            + e.getMessage());
        return FAILED;
      } catch (SQLException e) { // the database to serve cannot be opened (--url)
        System.err.println("divergence-sql: cannot serve " + url + ": " + e.getMessage());
        return FAILED;
      }
    }
    if (sql != null && !files.isEmpty()) {
      return usage("give either -e SQL or FILE.sql, not both");
    }
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        return usage("cannot read " + f);
      }
    }
    String target = url;
    String name = user;
    String pass = password;
    if (csv != null) {
      if (url != null) {
        return usage("give either --csv DIR or --url, not both");
      }
      if (!Files.isDirectory(csv)) {
        return usage("--csv needs a directory, got " + csv);
      }
      try {
        target = csvTables(csv);
      } catch (io.github.divergencesql.calcite.TypedCsv.BadCsvException e) {
        System.err.println("divergence-sql: " + e.getMessage());
        return FAILED;
      } catch (OutOfMemoryError e) { // the files fit, but not twice (read, then in the table)
        System.err.println("divergence-sql: the CSV files of " + csv + " do not fit in memory "
            + "as tables (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB of heap): give "
            + "java a larger -Xmx");
        return FAILED;
      }
      name = "sa";
      pass = "";
    } else if (target == null) {
      target = DEFAULT_URL;
      name = "sa";
      pass = "";
      loadExampleTables(target);
    } else if (!target.startsWith(DivergenceDriver.PREFIX) && !target.startsWith(POSTGRESQL)) {
      return usage("--url must start with " + DivergenceDriver.PREFIX + "h2:, "
          + DivergenceDriver.PREFIX + "calcite: or " + POSTGRESQL + " (a --pg server), got "
          + target);
    } else if (name.isEmpty() && target.startsWith(DivergenceDriver.H2_PREFIX)) {
      // H2 makes the first user of a new database its admin: an empty name would lock out the
      // tools that default to sa
      name = "sa";
    }
    if (sql == null && files.isEmpty()) {
      return shell(target, name, pass);
    }
    List<ScriptRunner.Source> sources = new ArrayList<>();
    if (sql != null) {
      sources.add(new ScriptRunner.Source("-e", sql));
    }
    for (Path f : files) {
      sources.add(new ScriptRunner.Source(f.toString(), Files.readString(f)));
    }
    return new ScriptRunner(format, continueOnError).run(target, name, pass, sources);
  }

  /** The interactive sqlline shell. */
  private static int shell(String target, String name, String pass) throws IOException {
    List<String> args = new ArrayList<>(List.of("-u", target, "-n", name, "-p", pass,
        "-d", target.startsWith(POSTGRESQL) ? "org.postgresql.Driver" : DivergenceDriver.CLASS_NAME,
        "--showWarnings=false", "--maxWidth=1000",
        "--verbose=false", "--showNestedErrs=false", "--fastConnect=false"));
    if (target.startsWith(DivergenceDriver.CALCITE_PREFIX)) {
      args.add("--isolation=TRANSACTION_NONE"); // Calcite has no transactions
    }
    // tab completion of tables and columns (sqlline reads the catalog once at connect) and of
    // our function names (ShellDriver lists them)
    try {
      ShellDriver.install();
    } catch (SQLException e) {
      throw new IOException(e);
    }
    return new SqlLine().begin(args.toArray(new String[0]), null, false) == SqlLine.Status.OK
        ? OK : FAILED;
  }

  /**
   * A database served with --pg (or any PostgreSQL), through PostgreSQL's JDBC driver: how its
   * owner reaches a file database the server holds open.
   */
  static final String POSTGRESQL = "jdbc:postgresql:";

  /** The environment variable that may hold --pg-users' lines. */
  static final String USERS_VARIABLE = "DIVERGENCE_PG_USERS";

  /**
   * {@code --pg PORT --url jdbc:divergence:calcite:...}: our own PostgreSQL-protocol server
   * ({@link io.github.divergencesql.pg.PgWireServer}) in front of the model, a connection to it
   * per client session, logins checked (SCRAM-SHA-256) against --pg-users or
   * $DIVERGENCE_PG_USERS. Runs until the process is stopped.
   */
  /**
   * {@code --pg} over any of our connections (a Calcite model, or an H2 database when users are
   * given with --pg-users or $DIVERGENCE_PG_USERS): sessions log in as those users (SCRAM) and
   * run as the --user of the URL.
   */
  private Integer serveGateway() throws Exception {
    io.github.divergencesql.pg.PgUsers users;
    try {
      if (pgUsers != null) {
        users = io.github.divergencesql.pg.PgUsers.read(pgUsers);
      } else if (System.getenv(USERS_VARIABLE) != null) {
        users = io.github.divergencesql.pg.PgUsers.parse(System.getenv(USERS_VARIABLE),
            "$" + USERS_VARIABLE);
      } else {
        return usage("--pg over a Calcite model needs its users: --pg-users FILE or $"
            + USERS_VARIABLE + " (lines name:password)"); // (an H2 URL without them: below)
      }
    } catch (IllegalArgumentException | IOException e) {
      return usage(e.getMessage());
    }
    java.util.Properties engine = new java.util.Properties();
    if (!user.isEmpty()) {
      engine.setProperty("user", user);
      engine.setProperty("password", password);
    }
    // the database opens now, so a bad model or URL is an error here rather than at the first
    // login; it stays open while the server runs (an in-memory H2 database lives as long)
    Connection holder;
    try {
      holder = DriverManager.getConnection(url, engine);
      holder.getMetaData();
    } catch (SQLException e) {
      System.err.println("divergence-sql: cannot serve " + url + ": " + e.getMessage());
      return FAILED;
    }
    try (Connection held = holder; io.github.divergencesql.pg.PgWireServer server =
        new io.github.divergencesql.pg.PgWireServer(new io.github.divergencesql.pg.PgWireServer
            .Config(java.net.InetAddress.getByName(pgBind), pgPort, url, engine, users,
            pgMaxConnections, pgHandshakeTimeout, pgIdleTimeout, pgStatementTimeout))) {
      System.out.println("divergence-sql: serving " + url + " over the PostgreSQL protocol on "
          + pgBind + ":" + server.port() + " (users from "
          + (pgUsers != null ? pgUsers : "$" + USERS_VARIABLE) + ")");
      System.out.flush();
      new java.util.concurrent.CountDownLatch(1).await();
      return OK;
    } catch (java.net.BindException e) {
      System.err.println("divergence-sql: cannot listen on " + pgBind + ":" + pgPort + ": "
          + e.getMessage());
      return FAILED;
    }
  }

  private static int usage(String message) {
    System.err.println("divergence-sql: " + message + " (see --help)");
    return USAGE;
  }

  /**
   * {@code --csv DIR}: the CSV files of {@code dir} as tables of an in-memory H2 database;
   * returns its URL.
   */
  public static String csvTables(Path dir) throws IOException,
      SQLException {
    List<CsvDirectory.Table> tables = CsvDirectory.read(dir);
    java.util.Set<String> keywords = CsvDirectory.keywords(tables);
    String target = DivergenceDriver.H2_PREFIX + "mem:csv;DB_CLOSE_DELAY=-1"
        + (keywords.isEmpty() ? "" : ";NON_KEYWORDS=" + String.join(",", keywords));
    try (Connection c = connect(target, "sa", "")) {
      CsvDirectory.load(c, tables);
    }
    return target;
  }

  /**
   * A connection: ours straight through our driver (DriverManager would first load every
   * driver in the jar, Calcite's and Avatica's among them, for an H2 query too), others through
   * DriverManager (PostgreSQL's, --driver-jar's).
   */
  static Connection connect(String url, String user, String password) throws SQLException {
    if (!url.startsWith(DivergenceDriver.PREFIX)) {
      return DriverManager.getConnection(url, user, password);
    }
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return new DivergenceDriver().connect(url, info);
  }

  /** Creates the example tables (examples/tables.sql, from the jar) in the default database. */
  public static void loadExampleTables(String url) throws SQLException {
    try (Connection c = connect(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM 'classpath:/examples/tables.sql'");
    }
  }

}
