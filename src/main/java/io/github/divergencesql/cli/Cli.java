package io.github.divergencesql.cli;

import io.github.divergencesql.jdbc.DivergenceDriver;
import io.github.divergencesql.jdbc.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the command line's parts share (Main, ScriptRunner, PgServer, CdsTraining): exit codes,
 * the default database and its example tables, the CSV directory database, connections and the
 * jar's name. Here so that none of them needs another's class (no loops in the package).
 */
public final class Cli {
  private Cli() {
  }

  /** Exit codes: success, an SQL or I/O error, wrong arguments. */
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  /** The default database: in-memory H2, functions registered by the driver. */
  public static final String DEFAULT_URL =
      DivergenceDriver.H2_PREFIX + "mem:divergence;DB_CLOSE_DELAY=-1";

  /** The password for --url when -p is not given: kept out of the command line. */
  public static final String DB_PASSWORD_VARIABLE = "DIVERGENCE_DB_PASSWORD";

  /**
   * The jar this class was loaded from, as the user would type it: its path relative to the
   * working directory when it is below it ({@code target/divergence-sql-0.1.0-all.jar}), else
   * its file name; outside a jar (tests, IDE), the name the build gives it.
   */
  public static String jarName() {
    try {
      java.security.CodeSource source = Cli.class.getProtectionDomain().getCodeSource();
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
  public static Connection connect(String url, String user, String password) throws SQLException {
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
