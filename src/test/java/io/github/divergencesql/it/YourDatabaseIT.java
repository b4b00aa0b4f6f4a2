package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.it.Jar.Run;
import io.github.divergencesql.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/your-database.md as a user types it, through the {@code -all} jar: a model file over a
 * real PostgreSQL (PostgreSQL's driver is in the jar), named relative to the working directory;
 * the database sums the keyed form; and {@code --driver-jar} for a driver that is not in the jar
 * (HSQLDB).
 */
class YourDatabaseIT {
  /** docs/your-database.md's two-arm table, its keyed KL by hand: p = (1, 3)/4, q = (2, 2)/4. */
  private static final double HAND_KL = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);

  @Test
  void aModelFileOverPostgresWithTheJarAlone(@TempDir Path dir) throws Exception {
    try (Postgres pg = Postgres.start()) {
      try (Connection c = pg.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE scores (experiment TEXT, band INT, period TEXT, "
            + "n DOUBLE PRECISION)");
        s.execute("INSERT INTO scores VALUES ('a', 1, 'ref', 1), ('a', 1, 'cur', 2), "
            + "('a', 2, 'ref', 1), ('a', 2, 'ref', 2), ('a', 2, 'cur', 2)");
      }
      Files.writeString(dir.resolve("pg.json"), pg.model());
      String keyed = "SELECT experiment, KL_DIVERGENCE_BY(band, "
          + "CASE WHEN period = 'ref' THEN n END, CASE WHEN period = 'cur' THEN n END) AS kl "
          + "FROM scores GROUP BY experiment";
      Run r = Jar.java(List.of("-jar", Jar.path().toString(), "--url",
          "jdbc:divergence:calcite:model=pg.json", "--format", "csv", "-e", keyed), null,
          Map.of(), dir);
      assertThat(r.exitCode()).as(r.err()).isZero();
      String value = r.out().lines().filter(l -> l.startsWith("a,")).findFirst().orElseThrow();
      assertThat(Double.parseDouble(value.split(",")[1].replace("\"", "")))
          .isCloseTo(HAND_KL, org.assertj.core.api.Assertions.within(1e-16));
      Run plan = Jar.java(List.of("-jar", Jar.path().toString(), "--url",
          "jdbc:divergence:calcite:model=pg.json", "-e", "EXPLAIN PLAN FOR " + keyed), null,
          Map.of(), dir);
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out()).contains("JdbcAggregate").contains("KL_DIVERGENCE_BY$SUMMED");
    }
  }

  @Test
  void driverJarLoadsADriverThatIsNotInOurJar(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("hsqldb.jar"));
    String url = "jdbc:hsqldb:file:" + dir.resolve("db") + ";shutdown=true";
    try (Connection c = DriverManager.getConnection(url, "SA", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE T (GRP INT, BAND INT, P DOUBLE, Q DOUBLE)");
      s.execute("INSERT INTO T VALUES (1, 1, 1, 2), (1, 2, 3, 2)");
    }
    Path model = dir.resolve("hsqldb.json");
    Files.writeString(model, "{\"version\": \"1.0\", \"defaultSchema\": \"HS\", \"schemas\": "
        + "[{\"name\": \"HS\", \"type\": \"jdbc\", \"jdbcUrl\": \"" + url + "\", "
        + "\"jdbcUser\": \"SA\", \"jdbcPassword\": \"\", \"jdbcSchema\": \"PUBLIC\"}]}");
    String sql = "SELECT grp, KL_DIVERGENCE_BY(band, p, q) AS kl FROM t GROUP BY grp";
    Run without = Jar.run("--url", "jdbc:divergence:calcite:model=" + model, "-e", sql);
    assertThat(without.exitCode()).isEqualTo(1);
    Run with = Jar.run("--driver-jar", jar.toString(), "--url",
        "jdbc:divergence:calcite:model=" + model, "--format", "csv", "-e", sql);
    assertThat(with.exitCode()).as(with.err()).isZero();
    String row = with.out().lines().filter(l -> l.startsWith("1,")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(row.split(",")[1].replace("\"", "")))
        .isCloseTo(HAND_KL, org.assertj.core.api.Assertions.within(1e-16));
    Run missing = Jar.run("--driver-jar", dir.resolve("nope.jar").toString(), "-e", "SELECT 1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read --driver-jar");
  }
}
