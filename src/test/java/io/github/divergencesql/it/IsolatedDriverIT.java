package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver as a BI tool loads it: a class loader over the jar alone (parent: the platform
 * class loader, so nothing of the test class path is visible), the driver found by
 * ServiceLoader, connections opened through {@link Driver#connect} directly.
 */
class IsolatedDriverIT {
  private static final double SEED_KL = 0.1 * Math.log(8.0 / 3); // by hand
  private static final String GRADES =
      "(VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2)) AS t(p, q)";
  private static URLClassLoader loader;
  private static Driver driver;

  @BeforeAll
  static void load() throws Exception {
    loader = new URLClassLoader(new URL[] {Jar.path().toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    List<String> found = new ArrayList<>();
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      found.add(d.getClass().getName());
      if (d.getClass().getName().equals("io.github.divergencesql.jdbc.DivergenceDriver")) {
        driver = d;
      }
    }
    assertThat(driver).as("drivers found: %s", found).isNotNull();
    assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  private static double single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getDouble(1);
    }
  }

  @Test
  void h2UrlAnswers() throws SQLException {
    try (Connection c = driver.connect("jdbc:divergence:h2:mem:isolated", new Properties())) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + GRADES))
          .isCloseTo(SEED_KL, within(1e-16));
      assertThatThrownBy(() -> single(c, "SELECT KL_DIVERGENCE(-p, q) FROM " + GRADES))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("22023"));
    }
  }

  @Test
  void calciteUrlAnswers() throws SQLException {
    // Calcite compiles each query to Java code (Janino) that must see the jar's classes
    try (Connection c = driver.connect("jdbc:divergence:calcite:fun=standard", new Properties())) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + GRADES))
          .isCloseTo(SEED_KL, within(1e-16));
      assertThat(single(c, "SELECT KL_DIVERGENCE_BY(k, p, q, 1) FROM "
          + "(VALUES ('a', 3, 2), ('b', 1, 1), ('c', 0, 1)) AS t(k, p, q)"))
          .isCloseTo((4 * Math.log(4.0 / 3) - Math.log(2)) / 7, within(1e-16));
      assertThatThrownBy(() -> single(c, "SELECT KL_DIVERGENCE(-p, q) FROM " + GRADES))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("22023"));
    }
  }

  @Test
  void calciteOverCsvFilesAnswers() throws SQLException {
    try (Connection c = driver.connect(
        "jdbc:divergence:calcite:model=examples/csv-model.json", new Properties())) {
      assertThat(single(c, "SELECT KL_DIVERGENCE(class_a, class_b) FROM grades"))
          .isCloseTo(SEED_KL, within(1e-16));
    }
  }

  @Test
  void aParameterWorksInBothEnginesThroughTheJar() throws SQLException {
    // alpha and a weight bound as ?, as a BI tool binds them; H2 and Calcite (typed ANY there)
    for (String url : new String[] {"jdbc:divergence:h2:mem:isolatedparams",
        "jdbc:divergence:calcite:"}) {
      try (Connection c = driver.connect(url, new Properties());
          java.sql.PreparedStatement ps = c.prepareStatement(
              "SELECT KL_DIVERGENCE(p, q, ?), GAUSSIAN_KL(?, 1, 0, 1) FROM " + GRADES)) {
        ps.setDouble(1, 0.0);
        ps.setInt(2, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).as(url).isCloseTo(SEED_KL, within(1e-16));
          assertThat(rs.getDouble(2)).as(url).isCloseTo(0.5, within(1e-16)); // (1 - 0)^2 / 2
        }
      }
    }
  }

  @Test
  void theAllJarLeavesTheHostsLoggingInCharge() throws Exception {
    // was: the jar carried slf4j-nop unrelocated; in JMeter's lib/ the host then wrote no log
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(Jar.path().toFile())) {
      assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)
          .filter(n -> n.startsWith("org/slf4j/"))).isEmpty();
    }
    java.nio.file.Path host = java.nio.file.Path.of("target/host-logging");
    URL[] urls = {Jar.path().toUri().toURL(), // the jar first: it must not win
        host.resolve("slf4j-api-1.7.36.jar").toUri().toURL(),
        host.resolve("slf4j-simple-1.7.36.jar").toUri().toURL()};
    try (URLClassLoader app = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Driver d = null;
      for (Driver found : ServiceLoader.load(Driver.class, app)) {
        if (found.getClass().getName().equals("io.github.divergencesql.jdbc.DivergenceDriver")) {
          d = found;
        }
      }
      assertThat(d).isNotNull();
      // a Calcite connection: Calcite logs through (our relocated) SLF4J while it plans
      try (Connection c = d.connect("jdbc:divergence:calcite:", new java.util.Properties())) {
        assertThat(single(c, "SELECT KL_DIVERGENCE(p, q) FROM " + GRADES))
            .isCloseTo(SEED_KL, org.assertj.core.api.Assertions.within(1e-15));
      }
      Object factory = app.loadClass("org.slf4j.LoggerFactory")
          .getMethod("getILoggerFactory").invoke(null);
      assertThat(factory.getClass().getName()).isEqualTo("org.slf4j.impl.SimpleLoggerFactory");
    }
  }
}
