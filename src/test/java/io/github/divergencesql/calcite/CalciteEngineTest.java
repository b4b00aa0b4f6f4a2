package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
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
  void theTestsOfHomogeneityTakeNoAlpha() {
    assertThatThrownBy(() -> query("SELECT G_TEST_STATISTIC(P, Q, 1) FROM DATA.REFS"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("G_TEST_STATISTIC");
  }

  @Test
  void registerAddsEveryFunctionToAnySchema() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:")) {
      SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
      SchemaPlus mine = root.add("MINE", new AbstractSchema());
      CalciteFunctions.register(mine);
      for (DivergenceFunction f : DivergenceFunction.values()) {
        assertThat(mine.getFunctions(f.name())).as(f.name()).hasSize(1);
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

  @Override
  protected String driverUrl() {
    return "jdbc:divergence:calcite:";
  }
}
