package io.github.divergencesql.jdbc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.divergencesql.calcite.DivergenceSchemaFactory;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.h2.command.dml.SetTypes;
import org.h2.engine.DbSettings;
import org.h2.util.StringUtils;

/**
 * Lets through only the connection settings known to be inert, unless the user opts in with
 * the connection property {@value #ALLOW}{@code =true}: a URL pasted into a BI tool must not be
 * able to run a script, load a class or name one.
 *
 * <p>The settings are read as the engines read them, with their own parsers: for H2, the part
 * after the first {@code ;} split by {@link StringUtils#arraySplit} (which drops backslashes)
 * and keys upper-cased by {@link StringUtils#toUpperEnglish} (so {@code ınit} is {@code INIT}),
 * and every key of the {@code Properties}, whatever its type; for Calcite, Avatica's
 * {@link ConnectStringParser} and the name lookup Calcite uses (camel name or constant name,
 * any case). Then:
 * <ul>
 *   <li>H2: a setting in the URL must be one of {@link #H2_ALLOWED}; a property that H2 reads (a
 *       connection setting or database setting) too. Others in the properties H2 ignores.
 *   <li>Calcite: no property of type PLUGIN (a class name: {@code schemaFactory},
 *       {@code parserFactory}, {@code typeSystem}, …); {@code schema.*} operands only
 *       {@link #JDBC_OPERANDS}; a {@code model} given inline (JSON or YAML, parsed as Calcite
 *       does) may name no class but {@link #FACTORIES} and {@link #DRIVERS}. A model file is
 *       trusted.
 *   <li>A JDBC URL inside Calcite settings ({@code schema.jdbcUrl}, a model's {@code jdbcUrl})
 *       must be an H2 URL that passes the H2 rule, or a PostgreSQL URL whose parameters are all
 *       in {@link #POSTGRES_ALLOWED}.
 * </ul>
 * Everything refused raises an {@link SQLException} with SQLState {@value #SQL_STATE}.
 */
final class UrlGuard {
  static final String ALLOW = "divergence.allowCodeSettings";
  static final String SQL_STATE = "08001";

  /** H2 settings whose values cannot run code, load a class, open a socket or write files. */
  static final Set<String> H2_ALLOWED = Set.of(
      // connection settings
      "USER", "PASSWORD", "PASSWORD_HASH", "CIPHER", "IFEXISTS", "FORBID_CREATION",
      "ACCESS_MODE_DATA", "AUTOCOMMIT", "NETWORK_TIMEOUT", "OLD_INFORMATION_SCHEMA", "FILE_LOCK",
      // SET statements
      "IGNORECASE", "MODE", "LOCK_TIMEOUT", "DEFAULT_LOCK_TIMEOUT", "DEFAULT_TABLE_TYPE",
      "CACHE_SIZE", "TRACE_LEVEL_SYSTEM_OUT", "WRITE_DELAY", "MAX_MEMORY_ROWS", "LOCK_MODE",
      "DB_CLOSE_DELAY", "THROTTLE", "MAX_MEMORY_UNDO", "MAX_LENGTH_INPLACE_LOB", "ALLOW_LITERALS",
      "SCHEMA", "OPTIMIZE_REUSE_RESULTS", "SCHEMA_SEARCH_PATH", "MAX_OPERATION_MEMORY",
      "QUERY_TIMEOUT", "RETENTION_TIME", "QUERY_STATISTICS", "QUERY_STATISTICS_MAX_ENTRIES",
      "LAZY_QUERY_EXECUTION", "NON_KEYWORDS", "TIME ZONE", "VARIABLE_BINARY",
      "DEFAULT_NULL_ORDERING", "TRUNCATE_LARGE_LENGTH", "IGNORE_CATALOGS",
      // database settings
      "ANALYZE_AUTO", "ANALYZE_SAMPLE", "CASE_INSENSITIVE_IDENTIFIERS", "DEFAULT_ESCAPE",
      "DROP_RESTRICT", "MAX_QUERY_TIMEOUT", "OPTIMIZE_DISTINCT", "OPTIMIZE_IN_LIST",
      "OPTIMIZE_IN_SELECT", "OPTIMIZE_OR", "OPTIMIZE_TWO_EQUALS",
      "OPTIMIZE_SIMPLE_SINGLE_ROW_SUBQUERIES", "QUERY_CACHE_SIZE", "DATABASE_TO_LOWER",
      "DATABASE_TO_UPPER", "ZERO_BASED_ENUMS");

  /**
   * H2's own connection settings (its ConnectionInfo's list; the SET statements and database
   * settings come from {@link SetTypes} and {@link DbSettings}): properties H2 reads.
   */
  private static final Set<String> H2_CONNECTION_SETTINGS = Set.of("ACCESS_MODE_DATA",
      "AUTO_RECONNECT", "AUTO_SERVER", "AUTO_SERVER_PORT", "CACHE_TYPE", "DB_CLOSE_ON_EXIT",
      "FILE_LOCK", "JMX", "NETWORK_TIMEOUT", "OLD_INFORMATION_SCHEMA", "OPEN_NEW", "PAGE_SIZE",
      "RECOVER", "AUTHREALM", "AUTHZPWD", "AUTOCOMMIT", "CIPHER", "CREATE", "FORBID_CREATION",
      "IGNORE_UNKNOWN_SETTINGS", "IFEXISTS", "INIT", "NO_UPGRADE", "PASSWORD", "PASSWORD_HASH",
      "RECOVER_TEST", "USER");

  /** Operands of Calcite's JDBC schema that name no class ({@code jdbcUrl} is checked). */
  static final Set<String> JDBC_OPERANDS = Set.of("jdbcUrl", "jdbcUser", "jdbcPassword",
      "jdbcCatalog", "jdbcSchema", "jdbcDriver");

  /** Classes an inline model may name as a schema factory. */
  static final Set<String> FACTORIES = Set.of(DivergenceSchemaFactory.class.getName(),
      "org.apache.calcite.adapter.jdbc.JdbcSchema$Factory",
      "org.apache.calcite.adapter.file.FileSchemaFactory",
      "io.github.divergencesql.calcite.CsvSchemaFactory");

  /** JDBC driver classes a model or {@code schema.jdbcDriver} may name. */
  static final Set<String> DRIVERS = Set.of("org.h2.Driver", "org.postgresql.Driver");

  /** Model keys whose value is a class name. */
  private static final Set<String> CLASS_KEYS = Set.of("factory", "className",
      "sqlDialectFactory", "dataSource", "statisticProvider", "jdbcDriver");

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES, true)
      .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true)
      .configure(JsonParser.Feature.ALLOW_COMMENTS, true);
  private static final ObjectMapper YAML = new YAMLMapper();

  private UrlGuard() {}

  /** Checks {@code rest}, what follows {@code jdbc:h2:}, and the connection properties. */
  static void checkH2(String rest, Properties info) throws SQLException {
    if (allowed(info)) {
      return;
    }
    checkH2Url(rest, "");
    for (Object k : info.keySet()) {
      String key = StringUtils.toUpperEnglish(String.valueOf(k));
      if (key.equals(StringUtils.toUpperEnglish(ALLOW))) {
        continue;
      }
      if (readByH2(key) && !H2_ALLOWED.contains(key)) {
        throw refused("H2 setting " + key + " (a connection property)");
      }
    }
  }

  private static void checkH2Url(String rest, String where) throws SQLException {
    int semicolon = rest.indexOf(';');
    if (semicolon < 0) {
      return;
    }
    for (String setting : StringUtils.arraySplit(rest.substring(semicolon + 1), ';', false)) {
      if (setting.isEmpty()) {
        continue;
      }
      int equal = setting.indexOf('=');
      String key = StringUtils.toUpperEnglish(equal < 0 ? setting : setting.substring(0, equal));
      if (!H2_ALLOWED.contains(key)) {
        throw refused("H2 setting " + key + where);
      }
    }
  }

  /** True when the URL or the properties set the H2 setting {@code name} (upper case). */
  static boolean setsH2(String rest, Properties info, String name) {
    int semicolon = rest.indexOf(';');
    if (semicolon >= 0) {
      for (String setting : StringUtils.arraySplit(rest.substring(semicolon + 1), ';', false)) {
        int equal = setting.indexOf('=');
        if (equal > 0 && StringUtils.toUpperEnglish(setting.substring(0, equal)).equals(name)) {
          return true;
        }
      }
    }
    for (Object k : info.keySet()) {
      if (StringUtils.toUpperEnglish(String.valueOf(k)).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean readByH2(String key) {
    return H2_CONNECTION_SETTINGS.contains(key) || SetTypes.getTypes().contains(key)
        || DbSettings.DEFAULT.getSettings().containsKey(key);
  }

  /** Checks {@code rest}, what follows {@code jdbc:calcite:}, and the connection properties. */
  static void checkCalcite(String rest, Properties info) throws SQLException {
    if (allowed(info)) {
      return;
    }
    for (Map.Entry<Object, Object> e : info.entrySet()) {
      if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
        throw refused("connection property " + e.getKey() + " of type "
            + e.getKey().getClass().getSimpleName() + "/" + e.getValue().getClass().getSimpleName()
            + " (Calcite takes strings only)");
      }
    }
    Properties parsed = ConnectStringParser.parse(rest, copy(info));
    for (String name : parsed.stringPropertyNames()) {
      String value = parsed.getProperty(name);
      if (name.startsWith("schema.") || name.toLowerCase(Locale.ROOT).startsWith("schema.")) {
        checkOperand(name.substring("schema.".length()), value, "");
        continue;
      }
      ConnectionProperty p = calciteProperty(name);
      if (p == null) {
        continue; // Calcite does not read it
      }
      if (p.type() == ConnectionProperty.Type.PLUGIN) {
        throw refused("Calcite property " + name + " (a class name)");
      }
      if (p == CalciteConnectionProperty.MODEL) {
        checkModel(value);
      }
    }
  }

  /** The property Calcite or Avatica resolves {@code name} to, as they do: any case. */
  private static ConnectionProperty calciteProperty(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    List<ConnectionProperty> all = new ArrayList<>(List.of(CalciteConnectionProperty.values()));
    all.addAll(List.of(BuiltInConnectionProperty.values()));
    for (ConnectionProperty p : all) {
      if (p.camelName().toUpperCase(Locale.ROOT).equals(upper) || p.name().equals(upper)) {
        return p;
      }
    }
    return null;
  }

  private static void checkOperand(String key, String value, String where) throws SQLException {
    if (JDBC_OPERANDS.stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
      throw refused("schema operand " + key + where);
    }
    if (key.equalsIgnoreCase("jdbcUrl")) {
      checkNestedUrl(value, where);
    } else if (key.equalsIgnoreCase("jdbcDriver") && !DRIVERS.contains(value)) {
      throw refused("JDBC driver class " + value + where);
    }
  }

  /** A JDBC URL that Calcite will open: H2 with the H2 rule, or PostgreSQL with its rule. */
  private static void checkNestedUrl(String url, String where) throws SQLException {
    if (url == null) {
      return;
    }
    String u = url.trim();
    if (u.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
      checkPostgresUrl(u, where);
      return;
    }
    if (!u.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
      throw refused("JDBC URL " + u + where + " (only jdbc:h2: and jdbc:postgresql: URLs may be "
          + "nested)");
    }
    checkH2Url(u.substring("jdbc:h2:".length()), " in the nested URL " + u + where);
  }

  /**
   * A PostgreSQL URL, its parameters read by pgjdbc's own parser: each must be one of
   * {@link #POSTGRES_ALLOWED}. pgjdbc instantiates classes named by {@code socketFactory},
   * {@code sslfactory}, {@code sslhostnameverifier}, {@code sslpasswordcallback} and
   * {@code authenticationPluginClassName} (CVE-2022-21724), and reads or writes files named by
   * others; none of those is allowed.
   */
  private static void checkPostgresUrl(String url, String where) throws SQLException {
    Properties parsed;
    try {
      parsed = org.postgresql.Driver.parseURL(url, new Properties());
    } catch (NoClassDefFoundError e) { // the library jar without pgjdbc: nothing to read it with
      throw refused("JDBC URL " + url + where + " (PostgreSQL's driver is not on the class path"
          + " to check it)");
    }
    if (parsed == null) {
      return; // pgjdbc cannot read it either, and will refuse it
    }
    for (String key : parsed.stringPropertyNames()) {
      if (!POSTGRES_ALLOWED.contains(key)) {
        throw refused("setting " + key + " in the nested URL " + url + where);
      }
    }
  }

  /** pgjdbc URL parameters that name no class and no file (host, port and database too). */
  static final Set<String> POSTGRES_ALLOWED = Set.of("PGHOST", "PGPORT", "PGDBNAME", "user",
      "password", "ssl", "sslmode", "connectTimeout", "socketTimeout", "loginTimeout",
      "ApplicationName", "currentSchema", "readOnly", "prepareThreshold", "defaultRowFetchSize",
      "tcpKeepAlive", "targetServerType", "loadBalanceHosts", "stringtype", "preferQueryMode",
      "binaryTransfer", "gssEncMode", "channelBinding");

  private static void checkModel(String model) throws SQLException {
    if (model == null) {
      return;
    }
    if (!model.startsWith("inline:")) {
      return; // a model file (Calcite reads nothing else): trusted, as docs/security.md says
    }
    String inline = model.substring("inline:".length()).trim();
    JsonNode root;
    try {
      root = (inline.startsWith("/*") || inline.startsWith("{") ? JSON : YAML).readTree(inline);
    } catch (IOException e) {
      return; // Calcite cannot read it either, and will say so
    }
    checkModelNode(root);
  }

  private static void checkModelNode(JsonNode node) throws SQLException {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        checkModelNode(n);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      JsonNode v = f.getValue();
      String text = v.isValueNode() ? v.asText() : null;
      if (key.equals("jdbcUrl")) {
        checkNestedUrl(text, " in the inline model");
      } else if (CLASS_KEYS.contains(key) && !v.isNull()) {
        boolean ok = key.equals("factory") ? FACTORIES.contains(text)
            : key.equals("jdbcDriver") && DRIVERS.contains(text);
        if (!ok) {
          throw refused("class " + v + " named by '" + key + "' in the inline model");
        }
      }
      checkModelNode(v);
    }
  }

  private static Properties copy(Properties info) {
    Properties p = new Properties();
    for (String name : info.stringPropertyNames()) {
      p.setProperty(name, info.getProperty(name));
    }
    return p;
  }

  private static boolean allowed(Properties info) {
    return "true".equalsIgnoreCase(info.getProperty(ALLOW));
  }

  private static SQLException refused(String what) {
    return new SQLException("divergence-sql: the " + what + " can run code or load a class "
        + "when the connection opens and is refused; set the connection property " + ALLOW
        + "=true to allow it", SQL_STATE);
  }
}
