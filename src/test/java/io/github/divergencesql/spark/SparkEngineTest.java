package io.github.divergencesql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.h2.H2Functions;
import io.github.divergencesql.testing.ReferenceCases;
import io.github.divergencesql.testing.SparkTesting;
import io.github.divergencesql.testing.TestData;
import io.github.divergencesql.testing.WideRangeCases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The functions in Spark SQL ({@code local[2]}, every table and shuffle in four partitions) give
 * the H2 values: the golden file's tables, every function and argument count over the test
 * tables run in both engines, window frames, 1,000 groups (Spark's sort-based fallback, which
 * ships states as bytes), and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SparkEngineTest {
  /** Relative agreement with H2; the engines differ only in how partial states are merged. */
  private static final double TOL = 1e-13;
  /** The test tables (H2 schema DATA) every query reads; SparkClusterIT ships them too. */
  public static final List<String> TABLES = List.of("REFS", "PIVOT", "TYPED", "RESULTS",
      "EVENTS", "ZEROBIN", "LATENT", "MANY");

  private SparkSession spark;
  private Connection h2;
  /** The largest relative difference from H2 (or the golden file) seen, printed at the end. */
  private static double worst;
  private static long compared;

  @BeforeAll
  void start() throws SQLException {
    spark = SparkTesting.session();
    h2 = h2Tables("spark");
    Properties user = new Properties();
    user.setProperty("user", "sa");
    user.setProperty("password", "");
    for (String table : TABLES) {
      spark.read().jdbc(TestData.url("spark"), "DATA." + table, user)
          .repartition(SparkTesting.PARTITIONS)
          .cache()
          .createOrReplaceTempView(table.toLowerCase(Locale.ROOT));
    }
  }

  /** The test tables in an H2 database with the functions, found by their plain names. */
  public static Connection h2Tables(String name) throws SQLException {
    Connection h2 = TestData.create(name);
    H2Functions.install(h2);
    try (Statement s = h2.createStatement()) {
      // 1,000 groups of 20 rows: more groups than Spark's hash aggregate keeps as objects (128),
      // so it falls back to sorting and ships the states as bytes
      s.execute("CREATE TABLE DATA.MANY AS SELECT CAST(MOD(X, 1000) AS INT) AS G, "
          + "CAST(MOD(X, 13) AS INT) AS K, CAST(MOD(X * 7, 11) + 1 AS DOUBLE PRECISION) AS P, "
          + "CAST(MOD(X * 3, 5) AS DOUBLE PRECISION) AS Q FROM SYSTEM_RANGE(0, 19999)");
      s.execute("SET SCHEMA_SEARCH_PATH PUBLIC, DATA"); // the same unqualified names as in Spark
    }
    return h2;
  }

  @AfterAll
  void stop() throws SQLException {
    h2.close();
    System.out.printf("Spark vs H2: %d values compared, largest relative difference %.2e%n",
        compared, worst);
  }

  @Test
  void weightsSpanningTheDoubleRangeGiveTheReferencesInBothRowOrders() {
    // the core's wide-range cases (mpmath at 800 digits), every form over pivot rows, both row
    // orders; an inline VALUES table puts each row in a partition of its own or shares one
    for (WideRangeCases.Case c : WideRangeCases.CASES) {
      for (boolean reversed : new boolean[] {false, true}) {
        org.apache.spark.sql.Row row =
            spark.sql(WideRangeCases.query(c, reversed)).collectAsList().get(0);
        double[] values = new double[row.size()];
        for (int i = 0; i < row.size(); i++) {
          values[i] = row.getDouble(i);
        }
        WideRangeCases.assertRow(c, reversed, values);
      }
    }
  }

  @Test
  void tablesAreSpreadOverFourPartitionsAndAggregatesMergePartialStates() {
    for (String table : TABLES) {
      assertThat(spark.table(table.toLowerCase(Locale.ROOT)).rdd().getNumPartitions())
          .as(table).isEqualTo(4);
    }
    // inline VALUES tables (the golden file's) too, when they have four rows or more
    assertThat(spark.sql("SELECT * FROM VALUES (1), (2), (3), (4), (5) AS t(x)").rdd()
        .getNumPartitions()).isEqualTo(4);
    String plan = spark.sql("SELECT case_id, KL_DIVERGENCE(p, q) FROM refs GROUP BY case_id")
        .queryExecution().executedPlan().toString();
    assertThat(plan).contains("partial_kl_divergence(p#").contains("Exchange hashpartitioning");
  }

  // ---------------------------------------------------------------- the golden file

  /** One block of src/test/resources/sql/divergence.iq: a query and its table or error. */
  public record Golden(String sql, List<List<String>> rows, String error) {
    @Override
    public String toString() {
      return sql.lines().filter(l -> !l.isBlank()).findFirst().orElse(sql);
    }
  }

  public static Stream<Golden> golden() throws Exception {
    List<Golden> blocks = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    List<String> output = new ArrayList<>();
    boolean inQuery = true;
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/sql/divergence.iq"),
        StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.startsWith("!ok") || line.startsWith("!error")) {
        List<List<String>> rows = new ArrayList<>();
        String error = null;
        List<String> table = output.stream().filter(l -> l.startsWith("|")).toList();
        if (line.startsWith("!ok")) {
          for (String row : table.subList(1, table.size())) { // after the header
            List<String> cells = new ArrayList<>();
            for (String cell : row.substring(1, row.length() - 1).split("\\|", -1)) {
              cells.add(cell.trim());
            }
            rows.add(cells);
          }
        } else {
          error = output.stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        }
        blocks.add(new Golden(sql.toString().replaceAll(";\\s*$", ""), rows, error));
        sql.setLength(0);
        output.clear();
        inQuery = true;
      } else if (line.startsWith("#") || line.startsWith("!")) {
        continue;
      } else if (inQuery) {
        sql.append(line).append('\n');
        inQuery = !line.trim().endsWith(";");
      } else {
        output.add(line);
      }
    }
    assertThat(blocks).hasSize((int) lines.stream()
        .filter(l -> l.startsWith("!ok") || l.startsWith("!error")).count());
    return blocks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void goldenFileGivesTheH2Values(Golden block) {
    if (block.error() != null) {
      assertThatThrownBy(() -> SparkTesting.rows(block.sql()))
          .satisfies(e -> assertThat(messages(e)).contains(block.error()));
      return;
    }
    List<Object[]> actual = SparkTesting.rows(block.sql());
    assertThat(actual).hasSameSizeAs(block.rows());
    for (int r = 0; r < actual.size(); r++) {
      List<String> expected = block.rows().get(r);
      assertThat(actual.get(r)).hasSameSizeAs(expected.toArray());
      for (int c = 0; c < expected.size(); c++) {
        assertCell(actual.get(r)[c], expected.get(c), block + " row " + r + " column " + c);
      }
    }
  }

  private static void assertCell(Object actual, String expected, String where) {
    if (expected.isEmpty()) {
      assertThat(actual).as(where).isNull();
      return;
    }
    double e;
    try {
      e = Double.parseDouble(expected);
    } catch (NumberFormatException notANumber) {
      assertThat(String.valueOf(actual)).as(where).isEqualTo(expected);
      return;
    }
    assertThat(actual).as(where).isInstanceOf(Number.class);
    assertClose(((Number) actual).doubleValue(), e, where);
  }

  private static void assertClose(double actual, double expected, String where) {
    compared++;
    if (expected != 0 && Double.isFinite(expected)) {
      worst = Math.max(worst, Math.abs(actual - expected) / Math.abs(expected));
    }
    if (expected == 0 || Double.isInfinite(expected)) {
      assertThat(actual).as(where).isEqualTo(expected);
    } else {
      assertThat(actual).as(where).isCloseTo(expected, within(Math.abs(expected) * TOL));
    }
  }

  // ---------------------------------------------------------------- every function vs H2

  /** Queries calling every function with every argument count over the test tables. */
  public static Stream<Arguments> everyCall() {
    List<Arguments> calls = new ArrayList<>();
    String armA = "CASE WHEN arm = 'A' THEN n END";
    String armB = "CASE WHEN arm = 'B' THEN n END";
    for (DivergenceFunction f : DivergenceFunction.values()) {
      String n = f.name();
      switch (f.shape()) {
        case PAIR -> {
          calls.add(Arguments.of(n, "SELECT case_id, " + n + "(p, q), " + n + "(q, p), " + n
              + "(p, q" + alpha(f, "0.5") + ") FROM refs GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT g, " + n + "(p, q), " + n + "(p, q" + alpha(f, "1") + ") FROM pivot "
              + "GROUP BY g ORDER BY g"));
          calls.add(Arguments.of(n, "SELECT " + n + "(p_int, q_bigint), " + n
              + "(p_dec, q_real), " + n + "(p_small, q_float" + alpha(f, "0.25") + ") FROM typed"));
          calls.add(Arguments.of(n, "SELECT bin, " + n + "(p, q) OVER (ORDER BY bin ROWS BETWEEN "
              + "1 PRECEDING AND CURRENT ROW), " + n + "(p, q" + alpha(f, "1") + ") OVER () FROM zerobin "
              + "ORDER BY bin"));
        }
        case UNARY -> {
          calls.add(Arguments.of(n, "SELECT case_id, ENTROPY(p), ENTROPY(q) FROM refs "
              + "GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT experiment, ENTROPY(n) FROM results "
              + "GROUP BY experiment ORDER BY experiment"));
        }
        case VAE -> calls.add(Arguments.of(n, "SELECT id, VAE_KL(mu, lv) FROM latent "
            + "GROUP BY id ORDER BY id"));
        case KEYED_PAIR -> {
          calls.add(Arguments.of(n, "SELECT experiment, " + n + "(band, " + armA + ", " + armB
              + "), " + n + "(band, " + armB + ", " + armA + alpha(f, "1") + ") FROM results "
              + "GROUP BY experiment ORDER BY experiment"));
          calls.add(Arguments.of(n, "SELECT case_id, " + n + "(MOD(i, 7), p, q), " + n
              + "(MOD(i, 7), p, q" + alpha(f, "0.5") + ") FROM refs GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT " + n + "(x, CASE WHEN arm = 'A' THEN 1 END, "
              + "CASE WHEN arm = 'B' THEN 1 END) FROM events"));
        }
        case KEYED_UNARY -> {
          calls.add(Arguments.of(n, "SELECT experiment, ENTROPY_BY(band, n) FROM results "
              + "GROUP BY experiment ORDER BY experiment"));
          calls.add(Arguments.of(n, "SELECT arm, ENTROPY_BY(x, 1) FROM events "
              + "GROUP BY arm ORDER BY arm"));
        }
        case SCALAR -> calls.add(Arguments.of(n, "SELECT id, dim, GAUSSIAN_KL(mu, EXP(lv), 0.5, 2) "
            + "FROM latent ORDER BY id, dim"));
        case TWO_SAMPLE -> {
          calls.add(Arguments.of(n, "SELECT case_id, " + n + "(p, q), " + n + "(q, p) FROM refs "
              + "GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT g, " + n + "(p, CASE WHEN k = 1 THEN q END) FROM many "
              + "GROUP BY g ORDER BY g"));
        }
        case APPROX_TWO_SAMPLE -> calls.add(Arguments.of(n, "SELECT case_id, " + n
            + "(p, q, 65535), " + n + "(q, p, 65535) FROM refs GROUP BY case_id ORDER BY case_id"));
        case APPROX_DRIFT -> {
          calls.add(Arguments.of(n, "SELECT case_id, " + n
              + "(p, q, 0.05, 65535), " + n + "(q, p, 0.5, 65535) FROM refs GROUP BY case_id "
              + "ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT " + n + "(p, q, 0.05), " + n + "(p, q * 3 + 1, 0.05), "
              + "COUNT(*) FROM refs"));
        }
        case ASSOCIATION -> {
          calls.add(Arguments.of(n, "SELECT experiment, " + n + "(band, arm), " + n
              + "(arm, band) FROM results GROUP BY experiment ORDER BY experiment"));
          calls.add(Arguments.of(n, "SELECT case_id, " + n + "(MOD(i, 7), CASE WHEN p > q THEN "
              + "'a' WHEN p < q THEN 'b' END) FROM refs GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT " + n + "(x, arm) FROM events"));
        }
        case APPROX_BINNED -> calls.add(Arguments.of(n, "SELECT case_id, " + n
            + "(p, q, 4, 0.5, 65535) FROM refs GROUP BY case_id ORDER BY case_id"));
        case BINNED -> {
          calls.add(Arguments.of(n, "SELECT case_id, " + n + "(p, q), " + n + "(q, p, 4, 0.5), "
              + n + "(p, q, 3) FROM refs GROUP BY case_id ORDER BY case_id"));
          calls.add(Arguments.of(n, "SELECT g, " + n + "(p, q, 5, 1) FROM many "
              + "GROUP BY g ORDER BY g"));
        }
      }
    }
    calls.add(Arguments.of("1,000 groups", "SELECT g, KL_DIVERGENCE(p, q), PSI(q, p, 1), "
        + "JS_DIVERGENCE(p, q), TOTAL_VARIATION_DISTANCE(p, q), HELLINGER_DISTANCE_BY(k, p, q), "
        + "ENTROPY_BY(k, p), CROSS_ENTROPY_BY(k, q, p, 0.5) FROM many GROUP BY g ORDER BY g"));
    calls.add(Arguments.of("window frames", "SELECT case_id, i, "
        + "KL_DIVERGENCE(p, q) OVER (PARTITION BY case_id ORDER BY i "
        + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), "
        + "JS_DIVERGENCE_BY(MOD(i, 3), p, q) OVER (PARTITION BY case_id ORDER BY i "
        + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), "
        + "ENTROPY(p) OVER (PARTITION BY case_id) FROM refs WHERE i < 50 ORDER BY case_id, i"));
    return calls.stream();
  }

  /** {@code ", alpha"} for a function that takes a trailing alpha, else nothing. */
  private static String alpha(DivergenceFunction f, String alpha) {
    List<String> most = f.parameters(f.arities().get(f.arities().size() - 1));
    return most.get(most.size() - 1).equals("alpha") ? ", " + alpha : "";
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyCall")
  void everyFunctionGivesTheH2Values(String function, String sql) throws SQLException {
    List<Object[]> expected = h2Rows(sql);
    List<Object[]> actual = SparkTesting.rows(sql);
    assertThat(actual).hasSameSizeAs(expected);
    int values = 0;
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).length; c++) {
        Object e = expected.get(r)[c];
        Object a = actual.get(r)[c];
        String where = "row " + r + " column " + c;
        if (e == null || !(e instanceof Double)) {
          assertThat(a == null ? null : String.valueOf(a)).as(where)
              .isEqualTo(e == null ? null : String.valueOf(e));
          if (e instanceof Boolean) {
            values++;
          }
        } else {
          assertClose(((Number) a).doubleValue(), (Double) e, where);
          values++;
        }
      }
    }
    assertThat(values).as("values compared").isPositive();
  }

  private List<Object[]> h2Rows(String sql) throws SQLException {
    return h2Rows(h2, sql);
  }

  /** H2's rows for a query, integers as longs (Spark and H2 type counts differently). */
  public static List<Object[]> h2Rows(Connection h2, String sql) throws SQLException {
    List<Object[]> rows = TestData.rows(h2, sql);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        // keys and group columns compare as text; results are doubles
        if (row[i] instanceof Number number && !(row[i] instanceof Double)) {
          row[i] = number.longValue();
        }
      }
    }
    return rows;
  }

  @Test
  void everyReferenceCaseMatchesMpmath() {
    List<Object[]> rows = SparkTesting.rows("SELECT case_id, KL_DIVERGENCE(p, q), "
        + "JS_DIVERGENCE(p, q), CROSS_ENTROPY(p, q), ENTROPY(p), PSI(p, q), "
        + "HELLINGER_DISTANCE(p, q), TOTAL_VARIATION_DISTANCE(p, q) FROM refs "
        + "GROUP BY case_id ORDER BY case_id");
    assertThat(rows).hasSize(ReferenceCases.CASES.size());
    for (Object[] row : rows) {
      ReferenceCases.Case c = ReferenceCases.CASES.get((Integer) row[0]);
      double[] expected = {c.kl(), c.js(), c.crossEntropy(), c.entropy(), c.psi(),
          c.hellinger(), c.tv()};
      for (int m = 0; m < expected.length; m++) {
        if (!Double.isNaN(expected[m])) {
          // mpmath references, as in CoreReferenceTest; 1e-14 covers the merge order
          double e = expected[m];
          double a = (Double) row[m + 1];
          if (e == 0 || Double.isInfinite(e)) {
            assertThat(a).as(c.name() + " measure " + m).isEqualTo(e);
          } else {
            assertThat(a).as(c.name() + " measure " + m).isCloseTo(e, within(Math.abs(e) * 1e-14));
          }
        }
      }
    }
  }

  @Test
  void aTextOptionBoundAsAParameterIsANumber() {
    // was: "alpha must be numeric, got STRING" (a client binding every parameter as text);
    // the seed example smoothed with alpha = 1, by hand: p' = (1.2, 1.3, 1.4, 1.1)/5,
    // q' = (1.1, 1.4, 1.3, 1.2)/5
    double want = 1.2 / 5 * Math.log(1.2 / 1.1) + 1.3 / 5 * Math.log(1.3 / 1.4)
        + 1.4 / 5 * Math.log(1.4 / 1.3) + 1.1 / 5 * Math.log(1.1 / 1.2);
    String grades = " FROM VALUES (0.2, 0.1), (0.3, 0.4), (0.4, 0.3), (0.1, 0.2) AS t(p, q)";
    org.apache.spark.sql.Row row = spark.sql("SELECT KL_DIVERGENCE(p, q, :alpha), "
        + "KL_DIVERGENCE_BINNED(p, q, :bins, :alpha)" + grades,
        java.util.Map.<String, Object>of("alpha", "1", "bins", "2")).first();
    assertThat(row.getDouble(0)).isCloseTo(want, within(1e-15));
    assertThat(row.getDouble(1)).isEqualTo(0.0); // both samples are the same four values
    assertThatThrownBy(() -> spark.sql("SELECT KL_DIVERGENCE(p, q, :alpha)" + grades,
        java.util.Map.<String, Object>of("alpha", "one")).collect())
        .satisfies(e -> assertThat(messages(e))
            .contains("KL_DIVERGENCE: alpha must be numeric, got String 'one'"));
    // a text weight stays an error when the query is analysed
    assertThatThrownBy(() -> spark.sql("SELECT KL_DIVERGENCE(p, q) FROM VALUES "
        + "(0.2, '1') AS t(p, q)").collect())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("KL_DIVERGENCE: q must be numeric, got STRING");
  }

  @Test
  void registeringAgainReplacesTheFunctionsAndTheyStillAnswer() {
    DivergenceSpark.register(spark);
    DivergenceSpark.register(spark.newSession());
    // the seed example, mpmath 0.098082925301172643645 (ReferenceCases "seed")
    Object[] row = SparkTesting.rows("SELECT KL_DIVERGENCE(p, q) FROM refs WHERE case_id = 0")
        .get(0);
    assertThat((Double) row[0]).isCloseTo(0.098082925301172643645, within(1e-16));
  }

  @Test
  void describeFunctionShowsTheSignature() {
    assertThat(SparkTesting.rows("DESCRIBE FUNCTION kl_divergence_by"))
        .extracting(r -> String.valueOf(r[0]))
        .anySatisfy(line -> assertThat(line)
            .contains("KL_DIVERGENCE_BY(key, p, q [, alpha]) - divergence-sql aggregate"));
  }

  @Test
  void concurrentQueriesOnOneSessionGiveTheSameAnswers() throws Exception {
    // as a Thrift server runs its clients' queries: four threads, one session
    String sql = "SELECT g, KL_DIVERGENCE(p, q), JS_DIVERGENCE_BY(k, p, q, 1) FROM many "
        + "GROUP BY g ORDER BY g";
    List<String> expected = SparkTesting.rows(sql).stream().map(Arrays::toString).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(
            () -> SparkTesting.rows(sql).stream().map(Arrays::toString).toList()));
      }
      for (Future<List<String>> answer : answers) {
        assertThat(answer.get(120, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- key types, NULLs, empty

  @Test
  void keysOfEverySqlTypeCompareAsSqlDoes() {
    // two rows of one key, one of another: H = ln 3 − (2/3) ln 2 (by hand)
    double expected = Math.log(3) - 2.0 / 3 * Math.log(2);
    String[][] keys = {
        {"'a'", "'a'", "'b'"}, {"1", "1", "2"}, {"CAST(1 AS BIGINT)", "1L", "2L"},
        {"1.0", "1.00", "2.0"}, {"0.0D", "-0.0D", "1.0D"}, {"true", "true", "false"},
        {"DATE'2026-11-26'", "DATE'2026-11-26'", "DATE'2026-11-27'"},
        {"TIMESTAMP'2026-11-26 10:00:00'", "TIMESTAMP'2026-11-26 10:00:00'",
            "TIMESTAMP'2026-11-26 10:00:01'"},
        {"X'0102'", "X'0102'", "X'0103'"}};
    for (String[] k : keys) {
      // four rows (the last key twice) so the rows spread over four partitions; with the
      // first two keys equal there are two categories, p = (2, 2), q = (2, 4):
      // H(P) = ln 2 and KL(P||Q) = ½ ln(3/2) + ½ ln(3/4) = ½ ln(9/8) (by hand); three
      // categories (keys not merged) would give H = 1.5 ln 2 and another KL
      String sql = "SELECT ENTROPY_BY(k, 1), KL_DIVERGENCE_BY(k, 1, q) FROM VALUES (" + k[0]
          + ", 1), (" + k[1] + ", 1), (" + k[2] + ", 1), (" + k[2] + ", 3) AS t(k, q)";
      Object[] row = SparkTesting.rows(sql).get(0);
      assertThat((Double) row[0]).as(k[0]).isCloseTo(Math.log(2), within(1e-15));
      assertThat((Double) row[1]).as(k[0]).isCloseTo(0.5 * Math.log(9.0 / 8), within(1e-15));
      Object[] three = SparkTesting.rows("SELECT ENTROPY_BY(k, 1) FROM VALUES (" + k[0] + "), ("
          + k[1] + "), (" + k[2] + ") AS t(k)").get(0);
      assertThat((Double) three[0]).as(k[0]).isCloseTo(expected, within(1e-15));
    }
  }

  @Test
  void emptyAndAllNullGroupsGiveNull() {
    assertThat(SparkTesting.rows("SELECT KL_DIVERGENCE(p, q), KL_DIVERGENCE_BY(i, p, q), "
        + "ENTROPY(p), VAE_KL(p, q) FROM refs WHERE case_id < 0").get(0))
        .containsExactly(null, null, null, null);
    assertThat(SparkTesting.rows("SELECT JS_DIVERGENCE(p, q), PSI(p, q, 1) FROM pivot "
        + "WHERE g = 'allnull'").get(0)).containsExactly(null, null);
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badWeightsFailTheQueryWithTheFunctionAndTheValue() {
    String rows = "VALUES (0.5D, 0.5D), (%s, 0.5D), (0.25D, 0.25D), (0.25D, 0.25D) AS t(p, q)";
    assertOurError("SELECT KL_DIVERGENCE(p, q) FROM " + rows.formatted("-1.0D"),
        "KL_DIVERGENCE: p must be a finite non-negative weight, got -1.0");
    assertOurError("SELECT JS_DIVERGENCE(q, p) FROM " + rows.formatted("CAST('NaN' AS DOUBLE)"),
        "JS_DIVERGENCE: q must be a finite non-negative weight, got NaN");
    assertOurError("SELECT PSI_BY(1, p, q) FROM " + rows.formatted("CAST('Infinity' AS DOUBLE)"),
        "PSI_BY: p must be a finite non-negative weight, got Infinity");
    assertOurError("SELECT ENTROPY(p) FROM " + rows.formatted("-1e-300D"),
        "ENTROPY: p must be a finite non-negative weight, got -1.0E-300");
    assertOurError("SELECT VAE_KL(p, q) FROM " + rows.formatted("CAST('NaN' AS DOUBLE)"),
        "VAE_KL: mu must be finite, got NaN");
    assertOurError("SELECT GAUSSIAN_KL(0, 0, 0, 1)", "GAUSSIAN_KL: sigma1 must be finite and > 0, got 0.0");
    assertOurError("SELECT G_TEST_PVALUE_BY(2, p, q) FROM " + rows.formatted("-3.0D"),
        "G_TEST_PVALUE_BY: p must be a finite non-negative weight, got -3.0");
    // refused when the result is read: samples whose sizes are more than 2^960 apart
    assertOurError("SELECT CHI_SQUARE_STATISTIC(p, q) FROM VALUES (1e300D, 1e-300D), "
        + "(2e300D, 3e-300D) AS t(p, q)",
        "CHI_SQUARE_STATISTIC: counts have totals 3.0E300 and 4.0E-300");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT G_TEST_STATISTIC(p, q, 1) FROM pivot"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("WRONG_NUM_ARGS");
  }

  @Test
  void alphaMustBeOneFiniteNonNegativeConstantPerGroup() {
    assertOurError("SELECT KL_DIVERGENCE(p, q, case_id) FROM refs WHERE case_id < 2",
        "KL_DIVERGENCE: alpha must be the same on every row of a group");
    assertOurError("SELECT KL_DIVERGENCE_BY(i, p, q, -1) FROM refs",
        "KL_DIVERGENCE_BY: alpha must be a finite non-negative number, got -1.0");
    assertOurError("SELECT HELLINGER_DISTANCE(p, q, CAST(NULL AS DOUBLE)) FROM refs",
        "HELLINGER_DISTANCE: alpha must not be NULL");
  }

  @Test
  void wrongArgumentTypesAndCountsAreAnalysisErrors() {
    assertThatThrownBy(() -> SparkTesting.rows("SELECT KL_DIVERGENCE(g, p) FROM pivot"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("KL_DIVERGENCE: p must be numeric, got STRING");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT ENTROPY_BY(ARRAY(i), p) FROM refs"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("ENTROPY_BY: key must be a number, string, binary, boolean, "
            + "date or timestamp, got ARRAY<INT>");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT GAUSSIAN_KL(0, 1, 'x', 1)"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("GAUSSIAN_KL: mu2 must be numeric, got STRING");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT KL_DIVERGENCE(p) FROM refs"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("WRONG_NUM_ARGS")
        .hasMessageContaining("kl_divergence");
    assertThatThrownBy(() -> SparkTesting.rows("SELECT ENTROPY_BY(i, p, q) FROM refs"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("WRONG_NUM_ARGS");
  }

  /**
   * Our error reaches the caller as it is (not wrapped in Spark's "Job aborted"), with SQLSTATE
   * 22023 and our message, as Spark raises its own DIVIDE_BY_ZERO.
   */
  private static void assertOurError(String sql, String message) {
    assertThatThrownBy(() -> SparkTesting.rows(sql))
        .isInstanceOf(DivergenceSparkException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> {
          assertThat(((DivergenceSparkException) e).getSqlState()).isEqualTo("22023");
          assertThat(((DivergenceSparkException) e).getCondition())
              .isEqualTo("USER_RAISED_EXCEPTION");
        });
  }

  /** Every message along the cause chain: Spark wraps a failed task's exception. */
  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
