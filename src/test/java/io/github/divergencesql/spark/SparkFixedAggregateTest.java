package io.github.divergencesql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.ReferenceCases;
import io.github.divergencesql.testing.SparkTesting;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixed-width (declarative) form of KL_DIVERGENCE, PSI, CROSS_ENTROPY, ENTROPY and
 * HELLINGER_DISTANCE: which calls get it (the plan shows Spark's generated HashAggregate, not
 * the ObjectHashAggregate), the values of groups large enough to run its stages against mpmath
 * and against the object form, with and without generated code, the NULL rule, integer columns
 * and an error after a stage began.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkFixedAggregateTest {
  private static final String FIVE = "KL_DIVERGENCE(p, q), PSI(p, q), CROSS_ENTROPY(p, q), "
      + "ENTROPY(p), HELLINGER_DISTANCE(p, q)";

  private SparkSession spark;

  @BeforeAll
  void start() {
    spark = SparkTesting.session();
    // group 0 of the Spark scale run (SparkBenchmark): i = 0, 1000, ..., 99,999,000
    spark.range(0, 100_000_000L, 1000, SparkTesting.PARTITIONS).selectExpr("id AS i",
        "0.5D + CAST((id * 7919) % 1000 AS DOUBLE) / 1000 AS p",
        "0.5D + CAST((id * 104729) % 997 AS DOUBLE) / 997 AS q")
        .createOrReplaceTempView("scale0");
    // 7 groups of 30,000 rows: near-identical sides at totals 3 apart, zero bins, NULLs, counts
    spark.range(0, 210_000, 1, SparkTesting.PARTITIONS).selectExpr("id % 7 AS g", "id AS i",
        "CASE WHEN id % 7 = 0 THEN 0.5D + (id % 101) / 101.0D "
            + "WHEN id % 7 = 1 AND id % 50 = 1 THEN 0.0D "
            + "WHEN id % 7 = 2 AND id % 40 = 2 THEN NULL "
            + "ELSE 1.0D + (id % 13) END AS p",
        "CASE WHEN id % 7 = 0 THEN 3 * (0.5D + (id % 101) / 101.0D) * (1 + 1e-9 * (id % 5 - 2)) "
            + "WHEN id % 7 = 3 AND id % 30 = 3 THEN NULL "
            + "ELSE 2.0D + (id % 11) END AS q",
        "CAST(id % 13 + 1 AS BIGINT) AS n", "CAST(id % 17 AS BIGINT) AS m")
        .createOrReplaceTempView("big");
  }

  @AfterEach
  void defaults() {
    spark.conf().unset(SparkFixedAggregate.ENABLED);
    spark.conf().unset("spark.sql.codegen.wholeStage");
    spark.conf().unset("spark.sql.codegen.factoryMode");
  }

  private String executedPlan(String sql) {
    org.apache.spark.sql.classic.Dataset<Row> d =
        (org.apache.spark.sql.classic.Dataset<Row>) spark.sql(sql);
    d.collectAsList();
    return d.queryExecution().executedPlan().toString();
  }

  @Test
  void theFiveMeasuresOnNumericColumnsRunInTheGeneratedHashAggregate() {
    String plan = executedPlan("SELECT g, " + FIVE + " FROM big GROUP BY g");
    assertThat(plan).contains("HashAggregate(keys=[g#").doesNotContain("ObjectHashAggregate")
        .contains("partial_kl_divergence(p#").contains("entropy(p#");
    assertThat(executedPlan("SELECT g, KL_DIVERGENCE(n, m), ENTROPY(n) FROM big GROUP BY g"))
        .doesNotContain("ObjectHashAggregate");
    // the object form: DECIMAL arguments, smoothed and keyed calls, the other measures, or off
    for (String call : List.of("KL_DIVERGENCE(CAST(p AS DECIMAL(20, 6)), q)",
        "KL_DIVERGENCE(p, q, 1)", "PSI_BY(i % 10, p, q)", "JS_DIVERGENCE(p, q)")) {
      assertThat(executedPlan("SELECT g, " + call + " FROM big GROUP BY g")).as(call)
          .contains("ObjectHashAggregate");
    }
    spark.conf().set(SparkFixedAggregate.ENABLED, false);
    assertThat(executedPlan("SELECT g, KL_DIVERGENCE(p, q) FROM big GROUP BY g"))
        .contains("ObjectHashAggregate");
  }

  /** Equal calls are one aggregate, and a cached result is found again (canonical plans match). */
  @Test
  void equalCallsAreOneAggregateAndCachedResultsAreReused() {
    String sql = "SELECT g, KL_DIVERGENCE(p, q) AS a, KL_DIVERGENCE(p, q) AS b FROM big GROUP BY g";
    assertThat(executedPlan(sql)).containsOnlyOnce("partial_kl_divergence(p#");
    for (Object[] row : SparkTesting.rows(sql)) {
      assertThat(row[1]).isEqualTo(row[2]);
    }
    String cached = "SELECT g, PSI(p, q) FROM big GROUP BY g";
    spark.sql(cached).cache().count();
    try {
      assertThat(spark.sql(cached).queryExecution().optimizedPlan().toString())
          .contains("InMemoryRelation");
    } finally {
      spark.catalog().clearCache();
    }
  }

  /** spark_scale_group0.py: mpmath at 40 digits over the same 100,000 doubles. */
  @Test
  void aHundredThousandRowsInFourPartitionsMatchMpmath() {
    double[] expected = {0.045278624527943189002, 0.088114939282741190957,
        11.558204089498171609, 11.51292546497022842, 0.10473347379126657645};
    for (boolean generated : new boolean[] {true, false}) {
      if (!generated) { // the interpreted path: Spark evaluates the expressions one by one
        spark.conf().set("spark.sql.codegen.wholeStage", false);
        spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
      }
      Object[] row = SparkTesting.rows("SELECT " + FIVE + " FROM scale0").get(0);
      for (int i = 0; i < expected.length; i++) {
        assertThat(ReferenceCases.relativeError((Double) row[i], expected[i]))
            .as("column %d, generated code %s: %s", i, generated, row[i])
            .isLessThanOrEqualTo(2e-15);
      }
    }
  }

  /**
   * The same groups through the object form (SparkAggregate, block folding) and through the core
   * accumulators in this JVM: 1e-14 relative, the same NULLs and infinities.
   */
  @Test
  void largeGroupsAgreeWithTheObjectFormAndTheAccumulators() {
    String sql = "SELECT g, " + FIVE + ", KL_DIVERGENCE(n, m), ENTROPY(n) FROM big "
        + "GROUP BY g ORDER BY g";
    List<Object[]> fixed = SparkTesting.rows(sql);
    spark.conf().set(SparkFixedAggregate.ENABLED, false);
    List<Object[]> object = SparkTesting.rows(sql);
    assertThat(fixed).hasSize(7);
    List<Row> rows = spark.sql("SELECT g, p, q, n, m FROM big ORDER BY i").collectAsList();
    for (int g = 0; g < 7; g++) {
      Double[] local = accumulators(rows, g);
      for (int c = 1; c < fixed.get(g).length; c++) {
        Double f = (Double) fixed.get(g)[c];
        Double o = (Double) object.get(g)[c];
        for (Double other : new Double[] {o, local[c - 1]}) {
          if (other == null || other == 0 || other.isInfinite()) {
            assertThat(f).as("group %d column %d", g, c).isEqualTo(other);
          } else {
            assertThat(ReferenceCases.relativeError(f, other))
                .as("group %d column %d: %s vs %s", g, c, f, other).isLessThanOrEqualTo(1e-14);
          }
        }
      }
    }
    assertThat(fixed.get(0)[1]).as("near-identical sides").isInstanceOf(Double.class);
    assertThat((Double) fixed.get(0)[1]).isBetween(1e-20, 1e-16);
    assertThat(fixed.get(1)[2]).as("PSI with zero bins").isEqualTo(Double.POSITIVE_INFINITY);
  }

  /** The core's accumulators over a group's rows in order, with SQL's pivot NULL rule. */
  private static Double[] accumulators(List<Row> rows, int g) {
    DivergenceFunction[] pairs = {DivergenceFunction.KL_DIVERGENCE, DivergenceFunction.PSI,
        DivergenceFunction.CROSS_ENTROPY, null, DivergenceFunction.HELLINGER_DISTANCE,
        DivergenceFunction.KL_DIVERGENCE};
    io.github.divergencesql.core.Accumulator<?>[] acc =
        new io.github.divergencesql.core.Accumulator<?>[7];
    for (int i = 0; i < 6; i++) {
      acc[i] = pairs[i] == null ? DivergenceFunction.ENTROPY.newAccumulator(1)
          : pairs[i].newAccumulator(2);
    }
    acc[6] = DivergenceFunction.ENTROPY.newAccumulator(1);
    for (Row r : rows) {
      if (r.getLong(0) != g) {
        continue;
      }
      Double p = r.isNullAt(1) ? null : r.getDouble(1);
      Double q = r.isNullAt(2) ? null : r.getDouble(2);
      for (int i : new int[] {0, 1, 2, 4}) {
        ((io.github.divergencesql.core.BinaryAccumulator<?>) acc[i]).addNullable(p, q);
      }
      ((io.github.divergencesql.core.UnaryAccumulator<?>) acc[3]).addNullable(p);
      ((io.github.divergencesql.core.BinaryAccumulator<?>) acc[5]).addNullable(
          (double) r.getLong(3), (double) r.getLong(4));
      ((io.github.divergencesql.core.UnaryAccumulator<?>) acc[6]).addNullable(
          (double) r.getLong(3));
    }
    Double[] out = new Double[7];
    for (int i = 0; i < 7; i++) {
      out[i] = acc[i].result();
    }
    return out;
  }

  @Test
  void aBadWeightAfterAStageBeganFailsTheQueryWithTheValue() {
    assertThatThrownBy(() -> SparkTesting.rows("SELECT KL_DIVERGENCE(CASE WHEN i = 150000 "
        + "THEN -2.5D ELSE p END, q) FROM big"))
        .isInstanceOf(DivergenceSparkException.class)
        .hasMessageStartingWith("KL_DIVERGENCE: p must be a finite non-negative weight, got -2.5");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT ENTROPY(CASE WHEN i = 150000 "
        + "THEN CAST('NaN' AS DOUBLE) ELSE p END) FROM big"))
        .isInstanceOf(DivergenceSparkException.class)
        .hasMessageStartingWith("ENTROPY: p must be a finite non-negative weight, got NaN");
  }
}
