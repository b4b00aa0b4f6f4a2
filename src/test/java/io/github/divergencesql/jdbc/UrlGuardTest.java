package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way we know to smuggle a code-running setting past the driver, each refused with
 * SQLState 08001 before anything opens: the attempts a reviewer found (a backslash in the key,
 * non-String property values, Calcite's other spellings, H2 URLs nested in Calcite settings and
 * inline models) and generated variants of them (escapes, case, Unicode look-alikes, key/value
 * splits, URL or Properties). Where the attempt would run a script, the script creates a file
 * database; the test checks that it does not exist afterwards.
 */
class UrlGuardTest {
  /** H2 settings that run code, load or name a class, open a server or change parsing. */
  private static final List<String> H2_DANGEROUS = List.of("INIT", "DATABASE_EVENT_LISTENER",
      "JAVA_OBJECT_SERIALIZER", "AUTHREALM", "AUTHZPWD", "AUTHENTICATOR", "DEFAULT_TABLE_ENGINE",
      "BUILTIN_ALIAS_OVERRIDE", "RECOVER_TEST", "AUTO_SERVER", "IGNORE_UNKNOWN_SETTINGS",
      "CACHE_TYPE", "JMX", "CLUSTER");

  @TempDir
  Path dir;
  private Path evil;
  private Path pwned;

  @BeforeEach
  void script() throws Exception {
    // the script a smuggled INIT would run: it creates a file database (evidence)
    pwned = dir.resolve("pwned");
    evil = dir.resolve("evil.sql");
    Files.writeString(evil, "CREATE TABLE PWNED(X INT);\n");
  }

  private String init() {
    return "RUNSCRIPT FROM '" + evil + "'";
  }

  private String target() {
    return pwned.toString();
  }

  private static void assertRefused(String what, ThrowingOpen open) {
    assertThatThrownBy(open::open).as(what)
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).as(what + ": " + e.getMessage()).isEqualTo("08001");
          assertThat(e.getMessage()).contains("can run code").contains(UrlGuard.ALLOW);
        });
  }

  interface ThrowingOpen {
    void open() throws SQLException;
  }

  private void assertNothingRan() {
    assertThat(Files.exists(Path.of(target() + ".mv.db"))).as("the script ran").isFalse();
  }

  private static void connect(String url, Properties info) throws SQLException {
    DriverManager.getConnection(url, info).close();
  }

  /** The spellings of one H2 key that H2 reads as that key, and some it does not. */
  private static List<String> spellings(String key) {
    List<String> s = new ArrayList<>();
    s.add(key);
    s.add(key.toLowerCase(Locale.ROOT));
    s.add(key.charAt(0) + key.substring(1).toLowerCase(Locale.ROOT));
    s.add(key.replace('I', 'ı')); // dotless i: H2's toUpperEnglish makes it I
    s.add(key.toLowerCase(Locale.ROOT).replace('i', 'ı'));
    for (int i = 0; i < key.length(); i++) {
      s.add(key.substring(0, i) + "\\" + key.substring(i)); // H2's arraySplit drops it
    }
    s.add(key + " ");
    s.add(" " + key);
    return s;
  }

  @Test
  void aBackslashInTheKeyDoesNotSmuggleInit() throws Exception {
    for (String key : List.of("\\INIT", "I\\NIT", "IN\\IT", "INI\\T")) {
      assertRefused(key, () -> connect("jdbc:divergence:h2:" + target() + ";" + key + "="
          + init(), new Properties()));
    }
    assertRefused("\\DATABASE_EVENT_LISTENER", () -> connect("jdbc:divergence:h2:mem:guard;"
        + "\\DATABASE_EVENT_LISTENER='java.lang.Object'", new Properties()));
    assertNothingRan();
  }

  @Test
  void everyH2SpellingOfACodeSettingIsRefusedInTheUrlAndInProperties() throws Exception {
    for (String key : H2_DANGEROUS) {
      String value = key.equals("INIT") ? init() : "x";
      for (String spelling : spellings(key)) {
        assertRefused("URL " + spelling, () -> connect("jdbc:divergence:h2:" + target() + ";"
            + spelling + "=" + value, new Properties()));
        assertRefused("URL after MODE, " + spelling, () -> connect("jdbc:divergence:h2:"
            + target() + ";MODE=MySQL;;" + spelling + "=" + value, new Properties()));
        if (!spelling.contains("\\") && spelling.trim().equals(spelling)) {
          Properties p = new Properties();
          p.setProperty(spelling, value);
          assertRefused("property " + spelling, () -> connect("jdbc:divergence:h2:" + target(),
              p));
        }
      }
    }
    assertNothingRan();
  }

  @Test
  void nonStringPropertiesAreReadAsH2ReadsThem() throws Exception {
    Properties value = new Properties();
    value.put("INIT", new StringBuilder(init())); // stringPropertyNames() skips it, H2 does not
    assertRefused("StringBuilder value", () -> connect("jdbc:divergence:h2:" + target(), value));
    Properties key = new Properties();
    key.put(new StringBuilder("init"), init());
    assertRefused("StringBuilder key", () -> connect("jdbc:divergence:h2:" + target(), key));
    assertNothingRan();
  }

  @Test
  void everyCalciteSpellingOfAClassPropertyIsRefused() {
    List<ConnectionProperty> plugins = new ArrayList<>();
    for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
      if (p.type() == ConnectionProperty.Type.PLUGIN) {
        plugins.add(p);
      }
    }
    assertThat(plugins).extracting(ConnectionProperty::camelName)
        .contains("schemaFactory", "parserFactory", "typeSystem");
    for (ConnectionProperty p : plugins) {
      for (String name : List.of(p.name(), p.name().toLowerCase(Locale.ROOT), p.camelName(),
          p.camelName().toUpperCase(Locale.ROOT), p.camelName().toLowerCase(Locale.ROOT))) {
        assertRefused("URL " + name, () -> connect("jdbc:divergence:calcite:" + name
            + "=java.lang.Object", new Properties()));
        assertRefused("URL quoted " + name, () -> connect("jdbc:divergence:calcite:lex=JAVA; "
            + name + " = 'java.lang.Object'", new Properties()));
        Properties props = new Properties();
        props.setProperty(name, "java.lang.Object");
        assertRefused("property " + name, () -> connect("jdbc:divergence:calcite:", props));
      }
    }
  }

  @Test
  void anH2UrlNestedInACalciteJdbcSchemaIsGuarded() throws Exception {
    String nested = "jdbc:h2:" + target() + ";INIT=RUNSCRIPT FROM ''" + evil + "''";
    assertRefused("schema.jdbcUrl", () -> connect("jdbc:divergence:calcite:schemaType=JDBC;"
        + "schema.jdbcUrl='" + nested + "'", new Properties()));
    Properties p = new Properties();
    p.setProperty("schemaType", "JDBC");
    p.setProperty("schema.jdbcUrl", "jdbc:h2:" + target() + ";I\\NIT=" + init());
    assertRefused("schema.jdbcUrl property", () -> connect("jdbc:divergence:calcite:", p));
    assertRefused("schema.jdbcDriver", () -> connect("jdbc:divergence:calcite:schemaType=JDBC;"
        + "schema.jdbcDriver=java.lang.Object;schema.jdbcUrl='jdbc:h2:mem:x'", new Properties()));
    assertRefused("schema.sqlDialectFactory", () -> connect("jdbc:divergence:calcite:"
        + "schemaType=JDBC;schema.sqlDialectFactory=java.lang.Object;"
        + "schema.jdbcUrl='jdbc:h2:mem:x'", new Properties()));
    assertRefused("another driver's URL", () -> connect("jdbc:divergence:calcite:"
        + "schemaType=JDBC;schema.jdbcUrl='jdbc:derby:x'", new Properties()));
    assertNothingRan();
  }

  @Test
  void aPostgresUrlNestedInACalciteJdbcSchemaIsGuarded() throws Exception {
    // pgjdbc instantiates socketFactory (CVE-2022-21724) and the other class-naming settings,
    // in any case pgjdbc accepts and whether in the query string or after a ;
    for (String setting : new String[] {"socketFactory=java.lang.Object",
        "socketFactoryArg=x&socketFactory=java.lang.Object", "sslfactory=java.lang.Object",
        "sslhostnameverifier=java.lang.Object", "sslpasswordcallback=java.lang.Object",
        "authenticationPluginClassName=java.lang.Object", "loggerFile=/tmp/x",
        "sslrootcert=/etc/passwd", "user=u&socketFactory=java.lang.Object"}) {
      String url = "jdbc:postgresql://127.0.0.1:1/db?" + setting;
      assertRefused(setting, () -> connect("jdbc:divergence:calcite:schemaType=JDBC;"
          + "schema.jdbcUrl='" + url + "'", new Properties()));
      assertRefused(setting + " inline", () -> connect("jdbc:divergence:calcite:model=inline:"
          + "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"S\",\"type\":\"jdbc\","
          + "\"jdbcUrl\":\"" + url + "\"}]}", new Properties()));
    }
    // inert settings pass the guard; the connection then fails for want of a server (08001
    // from pgjdbc, not our refusal)
    assertThatThrownBy(() -> connect("jdbc:divergence:calcite:schemaType=JDBC;"
        + "schema.jdbcDriver=org.postgresql.Driver;schema.jdbcUrl='jdbc:postgresql://127.0.0.1:1"
        + "/db?sslmode=disable&connectTimeout=1&ApplicationName=bi'", new Properties()))
        .satisfies(e -> assertThat(e).hasStackTraceContaining("Connection to 127.0.0.1:1 refused")
            .message().doesNotContain(UrlGuard.ALLOW));
  }

  @Test
  void anInlineModelIsGuardedAsDeeplyAsCalciteReadsIt() throws Exception {
    String json = "{version: '1.0', defaultSchema: 'S', schemas: [{name: 'S', type: 'jdbc', "
        + "jdbcUrl: \"" + ("jdbc:h2:" + target() + ";INIT=" + init()).replace("\\", "\\\\")
        + "\"}]}";
    String yaml = "version: '1.0'\nschemas:\n- name: S\n  type: jdbc\n  jdbcUrl: \""
        + ("jdbc:h2:" + target() + ";ınit=" + init()).replace("\\", "\\\\") + "\"\n";
    List<String> models = List.of(json, "/* c */ " + json, yaml,
        "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"S\",\"type\":\"custom\","
            + "\"factory\":\"java.lang.Object\"}]}",
        "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"S\",\"type\":\"jdbc\","
            + "\"jdbcDriver\":\"java.lang.Object\",\"jdbcUrl\":\"jdbc:h2:mem:x\"}]}",
        "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"S\",\"functions\":[{\"name\":\"F\","
            + "\"className\":\"java.lang.Object\"}]}]}",
        "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"S\",\"tables\":[{\"name\":\"T\","
            + "\"type\":\"custom\",\"factory\":\"java.lang.Object\"}]}]}");
    for (String model : models) {
      assertRefused("URL model " + model, () -> connect("jdbc:divergence:calcite:model='inline:"
          + model.replace("'", "''") + "'", new Properties()));
      Properties p = new Properties();
      p.setProperty("model", "inline:" + model);
      assertRefused("property model " + model, () -> connect("jdbc:divergence:calcite:", p));
    }
    assertNothingRan();
  }

  @Test
  void inertSettingsStillWork() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:inert;"
        + "DB_CLOSE_DELAY=-1;MODE=PostgreSQL;database_to_lower=true;ıgnorecase=true")) {
      assertThat(one(c, "SELECT KL_DIVERGENCE(2, 1)")).isEqualTo(0.0);
    }
    Properties p = new Properties();
    p.setProperty("user", "sa");
    p.setProperty("password", "");
    p.setProperty("ApplicationName", "a BI tool"); // H2 does not read it
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:inert2", p)) {
      assertThat(one(c, "SELECT KL_DIVERGENCE(2, 1)")).isEqualTo(0.0);
    }
    try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:lex=JAVA;"
        + "schemaType=JDBC;schema.jdbcUrl='jdbc:h2:mem:inert3;DB_CLOSE_DELAY=-1';"
        + "schema.jdbcDriver=org.h2.Driver")) {
      assertThat(one(c, "SELECT KL_DIVERGENCE(2, 1) FROM (VALUES 1)")).isEqualTo(0.0);
    }
  }

  @Test
  void theUserMayAllowCodeSettings() throws Exception {
    Properties allow = new Properties();
    allow.setProperty(UrlGuard.ALLOW, "true");
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:" + target()
        + ";I\\NIT=" + init(), allow)) {
      assertThat(one(c, "SELECT COUNT(*) FROM PWNED")).isEqualTo(0.0);
    }
  }

  private static double one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }
}
