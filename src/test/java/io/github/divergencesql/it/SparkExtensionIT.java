package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The no-code route as docs/engines.md shows it: Spark's own class path plus the Spark jar, and
 * {@code spark.sql.extensions=io.github.divergencesql.spark.DivergenceSparkExtensions}. The class
 * path holds Spark's jars (Spark's own dependency tree, target/spark.classpath) and the jar; no
 * classes of this build other than the jar's, so a class missing from the jar fails here (and
 * on a cluster's executors: SparkClusterIT).
 */
class SparkExtensionIT {
  private static final String EXTENSION = "io.github.divergencesql.spark.DivergenceSparkExtensions";

  private static Jar.Run sparkSql(boolean withExtension, String... statements) throws Exception {
    Path sparkClasspath = Path.of(System.getProperty("spark.classpath.file",
        "target/spark.classpath"));
    assertThat(sparkClasspath).as("Spark's class path (mvn verify writes it)").exists();
    String classpath = Files.readString(sparkClasspath).trim() + File.pathSeparator
        + Jar.spark().toAbsolutePath() + File.pathSeparator + standIn();
    List<String> args = new ArrayList<>(Arrays.asList(
        System.getProperty("spark.jvm.args", "").trim().split("\\s+")));
    args.addAll(List.of("-Dspark.master=local[2]", "-Dspark.app.name=SparkExtensionIT",
        "-Dspark.ui.enabled=false", "-Dspark.sql.warehouse.dir=target/spark-warehouse",
        "-Dspark.driver.host=127.0.0.1",
        "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.default.parallelism=4",
        "-Dspark.sql.shuffle.partitions=4"));
    if (withExtension) {
      args.add("-Dspark.sql.extensions=" + EXTENSION);
    }
    args.addAll(List.of("-cp", classpath, SparkSql.class.getName()));
    args.addAll(List.of(statements));
    return Jar.java(args, null, Map.of());
  }

  /** Only the stand-in shell's class file, copied out of the test classes. */
  private static Path standIn() throws Exception {
    Path dir = Files.createTempDirectory("spark-sql-stand-in");
    String file = SparkSql.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(file);
    Files.createDirectories(target.getParent());
    try (var in = SparkSql.class.getClassLoader().getResourceAsStream(file)) {
      Files.copy(in, target);
    }
    return dir;
  }

  @Test
  void theExtensionBringsEveryFunctionFromTheJar() throws Exception {
    Jar.Run run = sparkSql(true,
        // the seed example: mpmath 0.098082925301172643645 (ReferenceCases "seed")
        "SELECT KL_DIVERGENCE(p, q), KL_DIVERGENCE_BY(g, q, p, 1) IS NOT NULL, "
            + "ROUND(JS_DIVERGENCE(p, q), 12) "
            + "FROM VALUES ('A', 0.2, 0.1), ('B', 0.3, 0.4), ('C', 0.4, 0.3), ('D', 0.1, 0.2) "
            + "AS t(g, p, q)",
        "SELECT JS_DIVERGENCE(p, q), CROSS_ENTROPY(p, q), ENTROPY(p), PSI(p, q), "
            + "HELLINGER_DISTANCE(p, q), TOTAL_VARIATION_DISTANCE(p, q), VAE_KL(p, q), "
            + "KL_DIVERGENCE_BY(g, p, q), JS_DIVERGENCE_BY(g, p, q), CROSS_ENTROPY_BY(g, p, q), "
            + "ENTROPY_BY(g, p), PSI_BY(g, p, q), HELLINGER_DISTANCE_BY(g, p, q), "
            + "TOTAL_VARIATION_DISTANCE_BY(g, p, q), MAX(GAUSSIAN_KL(0, 1, 0, 2)) "
            + "FROM VALUES ('A', 0.2, 0.1), ('B', 0.3, 0.4) AS t(g, p, q)",
        "SELECT KL_DIVERGENCE(p, q) FROM VALUES (1.0, 1.0), (-1.0, 1.0) AS t(p, q)");
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).as(run.err()).isEqualTo("0.09808292530117264\ttrue\t0.024157256781");
    // the other fifteen functions answer (a number each, no NULL)
    assertThat(lines[1].split("\t")).hasSize(15).allSatisfy(v -> Double.parseDouble(v));
    // the third statement fails with our message as the error itself (not "Job aborted ...")
    assertThat(run.out())
        .contains("ERROR KL_DIVERGENCE: p must be a finite non-negative weight, got -1.0");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void readmeExampleGivesTheRecipeValues() throws Exception {
    // docs/engines.md "Spark SQL", statement for statement
    Jar.Run run = sparkSql(true,
        "CREATE TEMPORARY VIEW results (experiment STRING, band INT, arm STRING, n INT) "
            + "USING csv OPTIONS (path 'examples/data/RESULTS.csv', header 'true')",
        "SELECT experiment, KL_DIVERGENCE_BY(band, CASE WHEN arm = 'B' THEN n END, "
            + "CASE WHEN arm = 'A' THEN n END, 1) AS kl_laplace "
            + "FROM results GROUP BY experiment ORDER BY experiment");
    String[] lines = run.out().split("\n");
    assertThat(lines).as(run.err()).hasSize(3);
    // mpmath (references.py recipes(), as in ExamplesTest for ab_test.sql): KL(B||A), alpha 1
    double[] expected = {1.7644593105905368752e-2, 2.2464489721842934963e-3,
        3.1321464727180589254e-1};
    String[] names = {"banner", "checkout", "ranking"};
    for (int i = 0; i < 3; i++) {
      String[] cells = lines[i].split("\t");
      assertThat(cells[0]).isEqualTo(names[i]);
      assertThat(Double.parseDouble(cells[1])).isCloseTo(expected[i],
          org.assertj.core.api.Assertions.within(expected[i] * 1e-13));
    }
  }

  @Test
  void withoutTheExtensionTheFunctionsAreUnknown() throws Exception {
    Jar.Run run = sparkSql(false, "SELECT KL_DIVERGENCE(1, 1)");
    assertThat(run.out()).as(run.err()).contains("ERROR ").contains("UNRESOLVED_ROUTINE");
    assertThat(run.exitCode()).isEqualTo(1);
  }
}
