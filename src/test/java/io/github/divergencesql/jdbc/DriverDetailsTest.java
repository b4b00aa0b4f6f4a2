package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver does around a connection, each test named after what it once got wrong. */
class DriverDetailsTest {
  @TempDir
  Path dir;

  private static double one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }

  private static long routines(Connection c, String schema) throws SQLException {
    return (long) one(c, "SELECT COUNT(DISTINCT ROUTINE_NAME) FROM INFORMATION_SCHEMA.ROUTINES "
        + "WHERE ROUTINE_SCHEMA = '" + schema + "'");
  }

  @Test
  void theSystemSchemaNeverReceivesTheFunctions() throws SQLException {
    // was: ;SCHEMA=INFORMATION_SCHEMA installed 15 routines into H2's system schema
    try (Connection c = DriverManager.getConnection(
        "jdbc:divergence:h2:mem:sysschema;SCHEMA=INFORMATION_SCHEMA", "sa", "")) {
      assertThat(routines(c, "INFORMATION_SCHEMA")).isZero();
      assertThat(routines(c, "PUBLIC"))
          .isEqualTo(io.github.divergencesql.core.registry.DivergenceFunction.values().length);
      assertThat(one(c, "SELECT PUBLIC.KL_DIVERGENCE(2, 1)")).isEqualTo(0.0);
      assertThat(c.getSchema()).isEqualTo("INFORMATION_SCHEMA");
    }
  }

  @Test
  void aReadOnlyDatabaseWithoutTheFunctionsOpensAndSaysSo() throws SQLException {
    // was: refused ("this user cannot install them"), so it could not be opened at all
    String file = dir.resolve("plain").toString();
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + file, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE T(P DOUBLE PRECISION)");
      s.execute("INSERT INTO T VALUES (0.5)");
    }
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:" + file
        + ";ACCESS_MODE_DATA=r", "sa", "")) {
      assertThat(one(c, "SELECT P FROM T")).isEqualTo(0.5);
      SQLWarning w = c.getWarnings();
      assertThat(w != null).as("a warning").isTrue();
      assertThat(w.getMessage()).contains("read-only").contains("KL_DIVERGENCE")
          .contains("unavailable");
      assertThatThrownBy(() -> one(c, "SELECT KL_DIVERGENCE(P, P) FROM T"))
          .hasMessageContaining("KL_DIVERGENCE");
    }
  }

  @Test
  void aServerWithoutOurJarIsNamedAsTheCause() throws Exception {
    // was: "this user cannot install them", for an admin of a server that lacks our classes
    String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).toString();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process server = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dh2.bindAddress=127.0.0.1", "-cp", h2Jar, "org.h2.tools.Server", "-tcp", "-tcpPort",
        String.valueOf(port), "-ifNotExists")).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.contains("TCP server running")) {
        // wait for the server to listen
      }
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:divergence:h2:tcp://127.0.0.1:"
          + port + "/mem:nojar", "sa", "").close())
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
              .contains("the server needs the divergence-sql jar on its class path"));
    } finally {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void calciteConnectionsBehaveAsJdbcAsksOfAWrapper() throws SQLException {
    // was: conn.equals(conn) false, and stmt.getConnection() the unwrapped connection
    try (Connection c = DriverManager.getConnection("jdbc:divergence:calcite:")) {
      assertThat(c.equals(c)).isTrue();
      assertThat(c.hashCode()).isEqualTo(c.hashCode());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE(2, 1) FROM (VALUES 1)")) {
        assertThat(s.getConnection()).isSameAs(c);
        assertThat(rs.getStatement()).isSameAs(s);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(0.0);
      }
      DatabaseMetaData meta = c.getMetaData();
      assertThat(meta.getConnection()).isSameAs(c);
      try (var ps = c.prepareStatement("SELECT 1 FROM (VALUES 1)")) {
        assertThat(ps.getConnection()).isSameAs(c);
      }
    }
  }
}
