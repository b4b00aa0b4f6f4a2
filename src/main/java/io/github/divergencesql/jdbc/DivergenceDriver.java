package io.github.divergencesql.jdbc;

import io.github.divergencesql.calcite.CalciteFunctions;
import io.github.divergencesql.calcite.DivergencePrepare;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The divergence-sql JDBC driver, for BI tools and any JDBC client (found by
 * {@link java.util.ServiceLoader}):
 * <ul>
 *   <li>{@code jdbc:divergence:h2:<anything H2 accepts after jdbc:h2:>} — an H2 connection with
 *       every function registered in its database (registration is persistent: a file database
 *       opened later with plain H2 and this jar on the class path keeps the functions);
 *   <li>{@code jdbc:divergence:calcite:<Calcite connect-string properties>} (e.g.
 *       {@code model=...}) — a Calcite connection in which every function resolves
 *       unqualified, whatever the model holds. Calcite drops SQLStates; this driver restores class 22 on
 *       errors raised by our functions.
 * </ul>
 *
 * <p>Settings that run code when a connection opens (H2's {@code INIT=}, class names) are refused
 * unless the connection property {@code divergence.allowCodeSettings=true} is set: see
 * {@link UrlGuard}.
 */
public final class DivergenceDriver implements Driver {
  public static final String PREFIX = "jdbc:divergence:";
  public static final String H2_PREFIX = PREFIX + "h2:";
  public static final String CALCITE_PREFIX = PREFIX + "calcite:";
  public static final String CLASS_NAME = DivergenceDriver.class.getName();
  /** The schema that lists the functions in Calcite connections. */
  static final String SCHEMA = "DIVERGENCE";

  static {
    try {
      DriverManager.registerDriver(new DivergenceDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && (url.startsWith(H2_PREFIX) || url.startsWith(CALCITE_PREFIX));
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // the JDBC contract: not ours
    }
    Properties properties = info == null ? new Properties() : info;
    if (url.startsWith(H2_PREFIX)) {
      String rest = url.substring(H2_PREFIX.length());
      UrlGuard.checkH2(rest, properties);
      Properties engine = withoutOurs(properties);
      if (!UrlGuard.setsH2(rest, properties, "NON_KEYWORDS")) {
        engine.setProperty("NON_KEYWORDS", H2Naming.NON_KEYWORDS);
      }
      boolean file = isLocalFile(rest);
      if (file && !H2Naming.setsNaming(rest, properties)) {
        return H2Naming.open(rest, engine, (r, p) -> connectH2(url, "jdbc:h2:" + r, p,
            !UrlGuard.setsH2(rest, properties, "WRITE_DELAY")));
      }
      return connectH2(url, "jdbc:h2:" + rest, engine,
          file && !UrlGuard.setsH2(rest, properties, "WRITE_DELAY"));
    }
    String rest = url.substring(CALCITE_PREFIX.length());
    UrlGuard.checkCalcite(rest, properties);
    return connectCalcite(url, "jdbc:calcite:", withBabelParser(withCaseInsensitiveNames(
        withAbsoluteModel(ConnectStringParser.parse(rest, withoutOurs(properties))))));
  }

  /**
   * The connection's properties (URL and Properties, parsed as Calcite parses them) with a model
   * file's path made absolute: Calcite resolves a model's relative {@code directory} against the
   * model file's folder, which a bare {@code model=csv-model.json} does not have (it took
   * {@code /}), so a relative path is taken from the current directory first.
   */
  private static Properties withAbsoluteModel(Properties p) {
    for (String name : p.stringPropertyNames()) {
      if (name.equalsIgnoreCase("model")) {
        String model = p.getProperty(name);
        if (!model.startsWith("inline:")) {
          p.setProperty(name, Path.of(model).toAbsolutePath().normalize().toString());
        }
      }
    }
    return p;
  }

  /**
   * {@code caseSensitive=false} unless the connection sets it: Calcite upper-cases unquoted
   * names and then matches them exactly, so PostgreSQL's lower-case tables and a CSV file's
   * lower-case headers could only be named in double quotes.
   */
  private static Properties withCaseInsensitiveNames(Properties p) {
    return withDefault(p, "caseSensitive", "CASE_SENSITIVE", "false");
  }

  /**
   * Calcite's Babel parser, unless the connection names a parser (which the URL guard lets only
   * an opted-in user do): Calcite's default parser reserves words that are common column names
   * ({@code period}, {@code value}, {@code year}, {@code month}, ...), and
   * {@code CASE WHEN period = 'ref'} was a parse error.
   */
  private static Properties withBabelParser(Properties p) {
    return withDefault(p, "parserFactory", "PARSER_FACTORY",
        "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
  }

  /** {@code p} with Calcite property {@code name} (or {@code constant}) set unless it is. */
  private static Properties withDefault(Properties p, String name, String constant,
      String value) {
    for (String key : p.stringPropertyNames()) {
      if (key.equalsIgnoreCase(name) || key.equalsIgnoreCase(constant)) {
        return p;
      }
    }
    p.setProperty(name, value);
    return p;
  }

  /** The properties for the engine: ours removed (H2 rejects settings it does not know). */
  private static Properties withoutOurs(Properties info) {
    Properties p = new Properties();
    p.putAll(info);
    p.remove(UrlGuard.ALLOW);
    return p;
  }

  /** A database in a local file (not {@code mem:}, not a server's): its commits go to disk. */
  private static boolean isLocalFile(String rest) {
    String name = rest.split(";", 2)[0].toLowerCase(java.util.Locale.ROOT);
    return !name.startsWith("mem:") && !name.startsWith("tcp:") && !name.startsWith("ssl:")
        && !name.equals(".");
  }

  private static Connection connectH2(String ourUrl, String url, Properties info,
      boolean durable) throws SQLException {
    // H2's driver directly, not through DriverManager: in a BI tool's class loader DriverManager
    // may not see it
    Connection c = new org.h2.Driver().connect(url, info);
    try {
      if (durable) {
        durableCommits(c);
      }
      SQLWarning warning = H2Installer.ensureInstalled(c);
      return H2Connection.wrap(c, ourUrl, warning);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * H2 writes a file database's commits up to 500 ms later (WRITE_DELAY): a process killed in
   * that window loses acknowledged transactions. Ours are written when they commit, unless the
   * URL sets WRITE_DELAY. The setting is persistent and needs an admin; a user who is not one,
   * or a read-only database, keeps what the database has.
   */
  private static void durableCommits(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      // not an admin (90040) or read only (90097): nothing to change here
    }
  }

  /** Calcite's driver, loaded with the first Calcite connection (an H2 one loads no Calcite). */
  private static final class Calcite {
    static final org.apache.calcite.jdbc.Driver DRIVER =
        new org.apache.calcite.jdbc.Driver().withPrepareFactory(DivergencePrepare::new);
  }

  private static Connection connectCalcite(String ourUrl, String url, Properties info)
      throws SQLException {
    // with the keyed forms' pushdown into JDBC sources (KeyedPushdownRule)
    Connection c = Calcite.DRIVER.connect(url, info);
    try {
      registerFunctions(c.unwrap(CalciteConnection.class));
      return SqlStateRestorer.wrap(c, ourUrl);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Makes every function resolvable unqualified, and listed by {@code getFunctions} (which shows
   * sub-schemas of the root, not the root itself): a sub-schema DIVERGENCE holds them unless the
   * model has one; the root holds them too unless DIVERGENCE is the default schema already
   * (the same function twice on the path would be ambiguous).
   */
  private static void registerFunctions(CalciteConnection c) throws SQLException {
    SchemaPlus root = c.getRootSchema();
    if (root.subSchemas().get(SCHEMA) == null) {
      CalciteFunctions.register(root.add(SCHEMA, new AbstractSchema()));
    }
    if (!SCHEMA.equals(c.getSchema())) {
      CalciteFunctions.register(root);
    }
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return Version.major();
  }

  @Override
  public int getMinorVersion() {
    return Version.minor();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging in divergence-sql");
  }
}
