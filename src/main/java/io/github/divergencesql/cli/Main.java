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
    exitCodeOnInvalidInput = Cli.USAGE, exitCodeOnExecutionException = Cli.FAILED,
    footer = {"", "Exit codes: 0 success, 1 SQL or I/O error, 2 wrong arguments."})
public final class Main implements Callable<Integer> {
  /** {@code --version}: the POM's version, through {@link Version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"divergence-sql " + Version.VERSION};
    }
  }



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
    String command = "java -jar " + Cli.jarName();
    line.setCommandName(command);
    line.getCommandSpec().usageMessage().footer("",
        "Exit codes: 0 success, 1 SQL or I/O error, 2 wrong arguments.",
        "Example: " + command + " -e \"SELECT KL_DIVERGENCE(class_a, class_b) FROM grades\"");
    return line.execute(args);
  }


  @Override
  public Integer call() throws Exception {
    if (cdsTraining) {
      return CdsTraining.run();
    }
    if (password.isEmpty() && System.getenv(Cli.DB_PASSWORD_VARIABLE) != null) {
      password = System.getenv(Cli.DB_PASSWORD_VARIABLE);
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
        return Cli.FAILED;
      } catch (SQLException e) { // the database to serve cannot be opened (--url)
        System.err.println("divergence-sql: cannot serve " + url + ": " + e.getMessage());
        return Cli.FAILED;
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
        target = Cli.csvTables(csv);
      } catch (io.github.divergencesql.calcite.TypedCsv.BadCsvException e) {
        System.err.println("divergence-sql: " + e.getMessage());
        return Cli.FAILED;
      } catch (OutOfMemoryError e) { // the files fit, but not twice (read, then in the table)
        System.err.println("divergence-sql: the CSV files of " + csv + " do not fit in memory "
            + "as tables (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB of heap): give "
            + "java a larger -Xmx");
        return Cli.FAILED;
      }
      name = "sa";
      pass = "";
    } else if (target == null) {
      target = Cli.DEFAULT_URL;
      name = "sa";
      pass = "";
      Cli.loadExampleTables(target);
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
        ? Cli.OK : Cli.FAILED;
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
      return Cli.FAILED;
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
      return Cli.OK;
    } catch (java.net.BindException e) {
      System.err.println("divergence-sql: cannot listen on " + pgBind + ":" + pgPort + ": "
          + e.getMessage());
      return Cli.FAILED;
    }
  }

  private static int usage(String message) {
    System.err.println("divergence-sql: " + message + " (see --help)");
    return Cli.USAGE;
  }




}
