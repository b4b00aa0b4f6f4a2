package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What JDBC tools (SchemaCrawler, DBeaver, pools) read from our connections besides query
 * results, each test named after what a tool once got wrong.
 */
class ToolMetadataTest {
  private static final String CALCITE = "jdbc:divergence:calcite:model="
      + Path.of("examples/csv-model.json").toAbsolutePath();

  /** Rows of a metadata call as "NAME col type ordinal" lines. */
  private static List<String> columns(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString("SPECIFIC_NAME") + " " + rs.getString(4) + " "
            + rs.getString("TYPE_NAME") + " " + rs.getInt("DATA_TYPE") + " "
            + rs.getInt("ORDINAL_POSITION") + " " + rs.getShort("COLUMN_TYPE"));
      }
    }
    return out;
  }

  private static List<String> functions(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(2) + "." + rs.getString(3) + " " + rs.getString("SPECIFIC_NAME"));
      }
    }
    return out;
  }

  @Test
  void h2ListsEveryFunctionWithItsParametersAndTypes() throws SQLException {
    // was: H2's getFunctions was empty (user aggregates are not listed), so SchemaCrawler
    // showed none of ours
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:toolmeta", "sa",
        "")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(functions(md.getFunctions(null, "PUBLIC", "KL_DIVERGENCE")))
          .containsExactly("PUBLIC.KL_DIVERGENCE KL_DIVERGENCE_2",
              "PUBLIC.KL_DIVERGENCE KL_DIVERGENCE_3");
      int overloads = 0;
      for (DivergenceFunction f : DivergenceFunction.values()) {
        overloads += f.arities().size();
      }
      assertThat(functions(md.getFunctions(null, null, "%"))).hasSizeGreaterThanOrEqualTo(
          overloads);
      assertThat(functions(md.getProcedures(null, null, "PSI_BY")))
          .containsExactly("PUBLIC.PSI_BY PSI_BY_3", "PUBLIC.PSI_BY PSI_BY_4");
      // the result (ordinal 0, functionReturn = 4), then each argument in order
      assertThat(columns(md.getFunctionColumns(null, null, "KL_DIVERGENCE_BY", "%")))
          .containsExactly(
              "KL_DIVERGENCE_BY_3  DOUBLE PRECISION 8 0 4",
              "KL_DIVERGENCE_BY_3 key ANY 1111 1 1",
              "KL_DIVERGENCE_BY_3 p DOUBLE PRECISION 8 2 1",
              "KL_DIVERGENCE_BY_3 q DOUBLE PRECISION 8 3 1",
              "KL_DIVERGENCE_BY_4  DOUBLE PRECISION 8 0 4",
              "KL_DIVERGENCE_BY_4 key ANY 1111 1 1",
              "KL_DIVERGENCE_BY_4 p DOUBLE PRECISION 8 2 1",
              "KL_DIVERGENCE_BY_4 q DOUBLE PRECISION 8 3 1",
              "KL_DIVERGENCE_BY_4 alpha DOUBLE PRECISION 8 4 1");
      // procedureColumnReturn = 5; a column pattern picks parameters by name
      assertThat(columns(md.getProcedureColumns(null, null, "APPROX_KS_PVALUE", "k")))
          .containsExactly("APPROX_KS_PVALUE_3 k INTEGER 4 3 1");
      assertThat(columns(md.getProcedureColumns(null, null, "APPROX_KS_PVALUE", null)))
          .startsWith("APPROX_KS_PVALUE_2  DOUBLE PRECISION 8 0 5");
      // a schema that does not hold them lists none of ours
      assertThat(functions(md.getFunctions(null, "INFORMATION_SCHEMA", "KL%"))).isEmpty();
    }
  }

  @Test
  void h2StillListsAUsersOwnFunctions() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:toolmeta2", "sa",
        "");
        Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS MY_SIN FOR \"java.lang.Math.sin\"");
      // H2 lists an alias among procedures
      assertThat(functions(c.getMetaData().getProcedures(null, null, "MY_%")))
          .anyMatch(f -> f.startsWith("PUBLIC.MY_SIN"));
    }
  }

  @Test
  void calciteListsEveryFunctionWithItsParameters() throws SQLException {
    // was: SchemaCrawler listed 44 functions with 0 parameters and unknown types
    try (Connection c = DriverManager.getConnection(CALCITE)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(columns(md.getFunctionColumns(null, null, "KS_PVALUE", null)))
          .containsExactly("KS_PVALUE_2  DOUBLE 8 0 4", "KS_PVALUE_2 x DOUBLE 8 1 1",
              "KS_PVALUE_2 y DOUBLE 8 2 1");
      assertThat(functions(md.getFunctions(null, null, "ENTROPY")))
          .containsExactly("DIVERGENCE.ENTROPY ENTROPY_1");
      assertThat(functions(md.getProcedures(null, "DIVERGENCE", "ENTROPY_BY")))
          .containsExactly("DIVERGENCE.ENTROPY_BY ENTROPY_BY_2");
    }
  }

  @Test
  void getUrlIsTheUrlTheClientGave() throws SQLException {
    // was: jdbc:h2:mem:... and Calcite's jdbc:calcite: without the model
    String h2 = "jdbc:divergence:h2:mem:toolurl";
    try (Connection c = DriverManager.getConnection(h2, "sa", "")) {
      assertThat(c.getMetaData().getURL()).isEqualTo(h2);
      assertThat(c.getMetaData().getConnection()).isSameAs(c);
    }
    try (Connection c = DriverManager.getConnection(CALCITE)) {
      assertThat(c.getMetaData().getURL()).isEqualTo(CALCITE);
    }
  }

  @Test
  void everyStatementOfAnH2ConnectionHandsBackThatConnection() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:toolstmt", "sa", "");
        Statement s = c.createStatement();
        PreparedStatement plain = c.prepareStatement("SELECT 1");
        PreparedStatement ours = c.prepareStatement("SELECT KL_DIVERGENCE(1, 1, ?)");
        java.sql.CallableStatement call = c.prepareCall("CALL 1")) {
      for (Statement each : List.of(s, plain, ours, call)) {
        assertThat(each.getConnection()).isSameAs(c);
        assertThat(each.getConnection().getMetaData().getURL())
            .isEqualTo("jdbc:divergence:h2:mem:toolstmt");
      }
    }
  }

  @Test
  void aDatabaseWithoutTheFunctionsListsNone(@org.junit.jupiter.api.io.TempDir Path dir)
      throws SQLException {
    // was: every function listed, in a schema named by a NUL character
    String file = dir.resolve("plain").toString();
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + file, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE T(P DOUBLE PRECISION)");
    }
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:" + file
        + ";ACCESS_MODE_DATA=r", "sa", "")) {
      assertThat(functions(c.getMetaData().getFunctions(null, null, "KL%"))).isEmpty();
    }
  }

  @Test
  void calciteCommitAndRollbackInManualCommitModeDoNothing() throws SQLException {
    // was: UnsupportedOperationException from commit() and rollback(), which crashed a pool
    try (Connection c = DriverManager.getConnection(CALCITE)) {
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM CSV.GRADES")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
      c.commit();
    }
  }

  @Test
  void calciteRefusesToRollBackWhatItAlreadyWrote() throws SQLException {
    // a JDBC source written through Calcite: each INSERT is written as it runs, so a rollback
    // after it cannot undo it and says so (a rollback with nothing changed is a no-op)
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:calcitewrite;DB_CLOSE_DELAY=-1",
        "sa", ""); Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE T(X INT)");
      String model = "inline:{\"version\": \"1.0\", \"defaultSchema\": \"W\", \"schemas\": "
          + "[{\"name\": \"W\", \"type\": \"jdbc\", \"jdbcUrl\": \"jdbc:h2:mem:calcitewrite\", "
          + "\"jdbcUser\": \"sa\", \"jdbcPassword\": \"\", \"jdbcSchema\": \"PUBLIC\"}]}";
      try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:model=" + model);
          Statement w = c.createStatement()) {
        c.setAutoCommit(false);
        c.rollback(); // nothing written yet
        assertThat(w.executeUpdate("INSERT INTO T VALUES (1)")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(c::rollback)
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        c.rollback(); // said once; then nothing is pending
        c.commit();
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM T")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1); // written, as the exception said
      }
    }
  }

  @Test
  void h2TypesAParameterOfOurFunctionsAsANumber() throws SQLException {
    // was: CHARACTER VARYING, so a tool that binds by declared type sent text
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:toolparams", "sa",
        "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE T(K VARCHAR, P DOUBLE PRECISION, Q DOUBLE PRECISION)");
      s.execute("INSERT INTO T VALUES ('a', 1, 2), ('b', 3, 1)");
      String sql = "SELECT KL_DIVERGENCE(P, Q, ?), /* ? */ PSI_BINNED(P, Q, ?, ?), "
          + "KL_DIVERGENCE_BY(?, P, Q), 'KL_DIVERGENCE(?)', LENGTH(?) FROM T WHERE K <> ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ParameterMetaData pm = ps.getParameterMetaData();
        assertThat(pm.getParameterCount()).isEqualTo(6);
        assertThat(pm.getParameterType(1)).isEqualTo(Types.DOUBLE);
        assertThat(pm.getParameterTypeName(1)).isEqualTo("DOUBLE PRECISION");
        assertThat(pm.getParameterClassName(1)).isEqualTo(Double.class.getName());
        assertThat(pm.getParameterType(2)).isEqualTo(Types.INTEGER);
        assertThat(pm.getParameterType(3)).isEqualTo(Types.DOUBLE);
        // a key takes any type: H2's own answer stands, as for every parameter not ours
        assertThat(pm.getParameterType(4)).isEqualTo(Types.VARCHAR);
        assertThat(pm.getParameterType(6)).isEqualTo(Types.VARCHAR);
        assertThat(ps.getConnection()).isSameAs(c);
        // bound as declared, the query runs: the smoothed KL of (1/4, 3/4) against (2/3, 1/3)
        // with alpha 0: hand-derived 1/4 ln(3/8) + 3/4 ln(9/4)
        ps.setDouble(1, 0.0);
        ps.setInt(2, 2);
        ps.setDouble(3, 0.5);
        ps.setString(4, "a");
        ps.setString(5, "x");
        ps.setString(6, "z");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).isCloseTo(
              0.25 * Math.log(3.0 / 8) + 0.75 * Math.log(9.0 / 4),
              org.assertj.core.data.Offset.offset(1e-15));
        }
      }
    }
  }

  @Test
  void theParameterScannerSkipsLiteralsCommentsAndOtherCalls() {
    assertThat(NumericParameters.types("SELECT PSI(p, q, ?) FROM t WHERE x = ?"))
        .containsExactly(Types.DOUBLE, Types.NULL);
    assertThat(NumericParameters.types("SELECT \"PUBLIC\".kl_divergence(p, q, CAST(? AS INT))"))
        .containsExactly(Types.NULL);
    assertThat(NumericParameters.types("SELECT public.approx_ks_pvalue(x, y, ?)"))
        .containsExactly(Types.INTEGER);
    assertThat(NumericParameters.types("SELECT KL_DIVERGENCE(p, q, ?) -- ?\n, 'it''s ?', ?"))
        .containsExactly(Types.DOUBLE, Types.NULL);
    assertThat(NumericParameters.types("SELECT KL_DIVERGENCE(?, ?, ?, ?)")) // a wrong arity
        .containsExactly(Types.NULL, Types.NULL, Types.NULL, Types.NULL);
    // H2's numbered parameters are typed by their number, wherever they stand
    assertThat(NumericParameters.types("SELECT KL_DIVERGENCE(p, q, ?2) FROM t WHERE name = ?1"))
        .containsExactly(Types.NULL, Types.DOUBLE);
    assertThat(NumericParameters.types("SELECT PSI(p, q, ?1), KL_DIVERGENCE(p, q, ?1)"))
        .containsExactly(Types.DOUBLE);
    assertThat(NumericParameters.types("SELECT PSI(p, q, ?1) FROM t WHERE x = ?1"))
        .containsExactly(Types.NULL);
  }
}
