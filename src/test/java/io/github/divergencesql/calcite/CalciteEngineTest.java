package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.testing.EngineContract;
import io.github.divergencesql.testing.TestData;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine contract in Apache Calcite: {@code sql/calcite/model.json} as it ships, with a JDBC
 * schema DATA (the H2 database of {@link TestData}) added beside DIVERGENCE, as a user would add
 * their own.
 */
public class CalciteEngineTest extends EngineContract {
  private static Connection data;
  private static Connection calcite;

  @BeforeAll
  static void open() throws SQLException, IOException {
    data = TestData.create("calciteengine");
    calcite = DriverManager.getConnection("jdbc:calcite:", modelWithData("calciteengine"));
  }

  @AfterAll
  static void close() throws SQLException {
    calcite.close();
    data.close();
  }

  /** sql/calcite/model.json plus a JDBC schema named DATA over the given H2 database. */
  public static Properties modelWithData(String database) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode model = (ObjectNode) json.readTree(new File("sql/calcite/model.json"));
    ObjectNode jdbc = ((ArrayNode) model.get("schemas")).addObject();
    jdbc.put("name", "DATA");
    jdbc.put("type", "jdbc");
    jdbc.put("jdbcUrl", TestData.url(database));
    jdbc.put("jdbcUser", "sa");
    jdbc.put("jdbcPassword", "");
    jdbc.put("jdbcSchema", "DATA");
    Properties info = new Properties();
    info.setProperty("model", "inline:" + json.writeValueAsString(model));
    return info;
  }

  @Override
  protected Connection connection() {
    return calcite;
  }

  @Override
  protected void assertOurError(SQLException e, String function, String value) {
    // Calcite drops SQLStates; the message ends with the core's, which is also the cause
    assertThat(e.getMessage()).contains(function + ": ").contains("got " + value);
    InvalidArgumentException cause = coreCause(e);
    assertThat(cause).isNotNull();
    assertThat(cause.function()).isEqualTo(function);
  }

  @Test
  void registerAddsEveryFunctionToAnySchema() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:")) {
      SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
      SchemaPlus mine = root.add("MINE", new AbstractSchema());
      CalciteFunctions.register(mine);
      for (DivergenceFunction f : DivergenceFunction.values()) {
        assertThat(mine.getFunctions(f.name())).as(f.name()).hasSize(f.arities().size());
      }
      mine.add("GRADES", ViewTable.viewMacro(mine,
          "VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)", java.util.List.of("MINE"),
          null, false));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MINE.KL_DIVERGENCE(EXPR$0, EXPR$1) FROM MINE.GRADES")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isCloseTo(0.1 * Math.log(8.0 / 3), within(1e-16));
      }
    }
  }

  @Test
  void modelRejectsAnUnknownFunctionName() {
    String model = "inline:{\"version\":\"1.0\",\"defaultSchema\":\"DIVERGENCE\",\"schemas\":[{"
        + "\"name\":\"DIVERGENCE\",\"type\":\"custom\",\"factory\":\""
        + DivergenceSchemaFactory.class.getName() + "\",\"operand\":{\"functions\":[\"KL\"]}}]}";
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:calcite:model=" + model).close())
        .hasStackTraceContaining("unknown divergence-sql function 'KL'");
  }

  @Test
  void gaussianKlErrorReachesTheClient() {
    // a bad scalar argument: Calcite raises the core's exception, unwrapped, from ResultSet.next()
    assertThatThrownBy(() -> query("SELECT GAUSSIAN_KL(P, 0, 0, 1) FROM DATA.REFS"))
        .satisfies(e -> assertThat(coreCause(e)).isNotNull())
        .hasMessageContaining("GAUSSIAN_KL: sigma1 must be finite and > 0, got 0.0");
    // constant arguments are folded while planning; the error comes from executeQuery then
    assertThatThrownBy(() -> query("SELECT GAUSSIAN_KL(0, 1, 0, -1)"))
        .satisfies(e -> assertThat(coreCause(e)).isNotNull())
        .hasMessageContaining("GAUSSIAN_KL: sigma2 must be finite and > 0, got -1.0");
  }

  @Test
  void aParameterWorksWhenItsTypeIsGiven() throws SQLException {
    // Calcite cannot infer a bare ?'s type in these aggregates (nor in its own CORR(p, ?));
    // CAST(? AS DOUBLE) gives it. Through the driver, as a BI tool would bind it.
    try (java.sql.Connection c = DriverManager.getConnection("jdbc:divergence:calcite:");
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT "
            + "KL_DIVERGENCE(p, q, CAST(? AS DOUBLE)), "
            + "KL_DIVERGENCE_BY(p, CAST(? AS DOUBLE) * p, q), "
            + "GAUSSIAN_KL(CAST(? AS DOUBLE), 1, 0, 1) "
            + "FROM (VALUES (0.2, 0.1), (0.8, 0.9)) AS t(p, q)")) {
      ps.setDouble(1, 1.0);
      ps.setDouble(2, 1.0);
      ps.setDouble(3, 1.0);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        // α = 1: p = (1.2, 1.8)/3, q = (1.1, 1.9)/3; by hand
        double p1 = 0.4;
        double q1 = 1.1 / 3;
        double kl = p1 * Math.log(p1 / q1) + (1 - p1) * Math.log((1 - p1) / (1 - q1));
        assertThat(rs.getDouble(1)).isCloseTo(kl, within(1e-15));
        // keys p: (.2, .8) against (.1, .9): .2 ln 2 + .8 ln(8/9)
        assertThat(rs.getDouble(2)).isCloseTo(0.2 * Math.log(2) + 0.8 * Math.log(8.0 / 9),
            within(1e-15));
        assertThat(rs.getDouble(3)).isCloseTo(0.5, within(1e-15)); // (μ₁ − μ₂)²/2
      }
    }
  }
}
