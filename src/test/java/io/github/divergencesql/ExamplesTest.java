package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.cli.Cli;
import io.github.divergencesql.testing.ReferenceCases;
import io.github.divergencesql.testing.SparkTesting;
import io.github.divergencesql.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in examples/ runs as written in both engines (H2 on the demo's URL, Calcite on
 * sql/calcite/model.json), and the self-contained recipes in Spark SQL too (the local test
 * session); the numbers match mpmath: the expected rows below were printed
 * by src/test/resources/reference/references.py (recipes()), which repeats the files' data.
 */
class ExamplesTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** First column: the row's label (as printed); then each numeric column's reference. */
  private static final Map<String, Object[][]> EXPECTED = Map.ofEntries(
      Map.entry("examples/grades.sql", new Object[][] {
          // seed example; mpmath (references.py CASES["seed"])
          {null, 9.8082925301172643645e-2, 9.8082925301172643645e-2, 2.415725678117131021e-2,
              1.9616585060234528729e-1, 1.5600309130857015744e-1, 2.0000000000000003331e-1,
              1.2798542258336674693, 1.3779371511348401129},
      }),
      Map.entry("examples/csvread_h2.sql", new Object[][] {
          // the same query as csv_query.sql, over the same file
          {"banner", 1.1352261281017038685e-2, 2.6559126234637830175e-2},
          {"checkout", 2.28777139632212773e-3, 4.5147177219165534697e-3},
          {"ranking", 2.9249128927897903053e-1, 6.0263721207257574443e-1},
      }),
      Map.entry("examples/csv_query.sql", new Object[][] {
          // kl as in bands_pivot, psi_laplace as in ab_test
          {"banner", 1.1352261281017038685e-2, 2.6559126234637830175e-2},
          {"checkout", 2.28777139632212773e-3, 4.5147177219165534697e-3},
          {"ranking", 2.9249128927897903053e-1, 6.0263721207257574443e-1},
      }),
      Map.entry("examples/pivot_keyed.sql", new Object[][] {
          // the same references as bands_pivot: kl, kl (keyed), kl_reverse, kl_reverse (keyed)
          {"banner", 1.1352261281017038685e-2, 1.1352261281017038685e-2, INF, INF},
          {"checkout", 2.28777139632212773e-3, 2.28777139632212773e-3, 2.2659105216715146456e-3,
              2.2659105216715146456e-3},
          {"ranking", 2.9249128927897903053e-1, 2.9249128927897903053e-1,
              3.1699738789384885816e-1, 3.1699738789384885816e-1},
      }),
      Map.entry("examples/bands_pivot.sql", new Object[][] {
          {"banner", 1.1352261281017038685e-2, INF, 3.8025221044611881553e-3, INF, 7.305347604854115708e-2, 3.0e-2},
          {"checkout", 2.28777139632212773e-3, 2.2659105216715146456e-3, 5.6903851334903726214e-4, 4.5536819179936423756e-3, 2.3856327458863299086e-2, 3.0e-2},
          {"ranking", 2.9249128927897903053e-1, 3.1699738789384885816e-1, 7.2415597931082262617e-2, 6.0948867717282788868e-1, 2.7244493173757528702e-1, 3.4e-1},
      }),
      Map.entry("examples/ab_test.sql", new Object[][] {
          {"banner", INF, 1.7644593105905368752e-2, INF, 2.6559126234637830175e-2, 7.4066725207591168555e-2},
          {"checkout", 2.2659105216715146456e-3, 2.2464489721842934963e-3, 4.5536819179936423756e-3, 4.5147177219165534697e-3, 2.8652208314255364959e-2},
          {"ranking", 3.1699738789384885816e-1, 3.1321464727180589254e-1, 6.0948867717282788868e-1, 6.0263721207257574443e-1, 3.2322379865687714981e-1},
      }),
      Map.entry("examples/drift_tests.sql", new Object[][] {
          // homogeneity.py (mpmath at 80 digits): G, its p-value, the chi-square p-value, L-inf, JS
          // distance
          {"banner", 15.210088417844752621, 0.0016456368640278127278, 0.0099903690131230122514,
              0.02, 0.074066725207591168555},
          {"checkout", 2.2761540533961490485, 0.51710454351133192116, 0.51723693218582397233,
              0.03, 0.028652208314255364959},
          {"ranking", 289.66239172432905047, 1.7178631828681266346e-62,
              1.086002038084544547e-59, 0.18, 0.32322379865687714981},
      }),
      Map.entry("examples/drift_baseline.sql", new Object[][] {
          {2, 1.1303989305478297368e-3, 1.4128860749844742431e-4, 5.6423990927154868303e-4},
          {3, 4.416030740271801352e-4, 5.5199020879377300692e-5, 2.209437472089338695e-4},
          {4, 1.2001200264073737093e-4, 1.5001312713170722876e-5, 6.0003000440092165663e-5},
          {5, 4.6790215744264129019e-3, 5.8467372145008403463e-4, 2.3502418787151839456e-3},
          {6, 1.8535240634829009381e-2, 2.3137239487892900804e-3, 9.327931655008948052e-3},
          {7, 4.8990982162306251154e-2, 6.1023985655992153977e-3, 2.4795572161367013593e-2},
          {8, 9.6611694888895972517e-2, 1.1994380840168387292e-2, 4.8874971220947810916e-2},
      }),
      Map.entry("examples/drift_window.sql", new Object[][] {
          {5, 5.3778883008780210511e-3, 6.719547027982844691e-4, 2.7011769550038533385e-3},
          {6, 1.5337224338205091067e-2, 1.9149088358531067048e-3, 7.7067778548339396434e-3},
          {7, 2.9031349491645626061e-2, 3.6210126212582310373e-3, 1.4653313575654933355e-2},
          {8, 4.2147886329098758646e-2, 5.2521844114561066197e-3, 2.1169969469902662604e-2},
      }),
      Map.entry("examples/drift_numeric.sql", new Object[][] {
          // numeric_drift.py (cases drift_numeric_week2, _week3): mpmath for PSI over 4 bins
          // with alpha 0.5, scipy 1.10 for the KS p-value and the Wasserstein distance; the
          // hand-written PSI must give the same number
          {2, 1.1929035703993827767e-2, 0.9999994797375902, 0.7083333333333335,
              1.1929035703993827767e-2},
          {3, 7.9511395343199742212e-1, 0.06780335175136987, 6.749999999999999,
              7.9511395343199742212e-1},
      }),
      Map.entry("examples/weeks_drift.sql", new Object[][] {
          // examples/weeks/events.csv, by src/test/resources/reference/weeks_drift.py (which
          // also makes the file): country PSI mpmath (50 digits) over the counts per
          // country; country p: chi-square of the 2x8 table (41.264968128872514296, 7 df),
          // mpmath's regularized gamma; latency PSI mpmath over 10 bins at numpy's linear
          // quantiles of the baseline; KS statistic and exact p-value scipy 1.17.1 ks_2samp;
          // shift scipy 1.17.1 wasserstein_distance
          {null, 0.051118599991488140321, 7.2007621577799376315e-7, 0.075898492525828434699,
              0.10990953202746205, 4.35202602983319e-09, 18.82225473451783},
      }),
      Map.entry("examples/vae_kl.sql", new Object[][] {
          {1, 6.5929478032699248039e-1},
          {2, 2.2804876175943683423},
      }));

  static Stream<Arguments> filesAndEngines() throws Exception {
    List<Arguments> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql"))
          .filter(p -> !p.getFileName().toString().equals("tables.sql")).sorted().toList()) {
        List<String> engines = engines(f);
        list.add(Arguments.of(f.toString().replace('\\', '/'), "h2"));
        if (!f.getFileName().toString().endsWith("_h2.sql") // H2-only files end in _h2
            && engines.contains("calcite")) {
          list.add(Arguments.of(f.toString().replace('\\', '/'), "calcite"));
        }
        if (!f.getFileName().toString().startsWith("csv") // the CSV files' tables are Calcite's
            && engines.contains("spark")) {
          list.add(Arguments.of(f.toString().replace('\\', '/'), "spark"));
        }
      }
    }
    return list.stream();
  }

  /** The engines a file names in a {@code -- engines: h2, spark} line; all three by default. */
  private static List<String> engines(Path file) throws java.io.IOException {
    return Files.readAllLines(file).stream().filter(l -> l.startsWith("-- engines:")).findFirst()
        .map(l -> List.of(l.substring("-- engines:".length()).split("\\(")[0].trim()
            .split("\\s*,\\s*")))
        .orElse(List.of("h2", "calcite", "spark"));
  }

  /**
   * Through the divergence-sql driver: H2 is the jar's default database (example tables loaded
   * from examples/tables.sql); Calcite reads examples/data through examples/csv-model.json for
   * the CSV query, and uses sql/calcite/model.json for the self-contained recipes.
   */
  static Connection connect(String engine, String file) throws SQLException, java.io.IOException {
    if (engine.equals("h2") && file.endsWith("weeks_drift.sql")) {
      // as the file says it runs: --csv examples/weeks
      return DriverManager.getConnection(Cli.csvTables(Path.of("examples/weeks")), "sa", "");
    }
    if (engine.equals("h2")) {
      Cli.loadExampleTables(Cli.DEFAULT_URL);
      return DriverManager.getConnection(Cli.DEFAULT_URL, "sa", "");
    }
    String model = file.endsWith("csv_query.sql") ? "examples/csv-model.json"
        : file.endsWith("weeks_drift.sql") ? "examples/weeks-model.json"
        : "sql/calcite/model.json";
    return DriverManager.getConnection("jdbc:divergence:calcite:model=" + model);
  }

  /** The file's statement: comment lines and the trailing semicolon removed. */
  static String statement(String file) throws Exception {
    String sql = Files.readString(Path.of(file)).replaceAll("(?m)^--.*\\n", "").trim();
    return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("filesAndEngines")
  void exampleRunsAndMatchesReferences(String file, String engine) throws Exception {
    Object[][] expected = EXPECTED.get(file);
    assertThat(expected).as("references for %s", file).isNotNull();
    List<Object[]> rows = rows(engine, file);
    assertThat(rows).hasSize(expected.length);
    for (int row = 0; row < rows.size(); row++) {
      Object[] got = rows.get(row);
      Object[] want = expected[row];
      int first = want[0] == null ? 0 : 1; // a label column, or numbers only
      assertThat(got).hasSize(want.length - 1 + first);
      if (want[0] != null) {
        assertThat(String.valueOf(got[0]).trim()).isEqualTo(String.valueOf(want[0]));
      }
      for (int i = 1; i < want.length; i++) {
        double value = ((Number) got[i - 1 + first]).doubleValue();
        double ref = ((Number) want[i]).doubleValue();
        assertThat(ReferenceCases.relativeError(value, ref))
            .as("%s row %d column %d: %s vs %s", file, row, i, value, ref)
            .isLessThanOrEqualTo(1e-12);
      }
    }
  }

  private static List<Object[]> rows(String engine, String file) throws Exception {
    if (engine.equals("spark")) {
      if (file.endsWith("weeks_drift.sql")) {
        SparkTesting.rows("CREATE OR REPLACE TEMPORARY VIEW events USING csv OPTIONS (path "
            + "'examples/weeks/events.csv', header 'true', inferSchema 'true')");
      }
      return SparkTesting.rows(statement(file));
    }
    try (Connection c = connect(engine, file)) {
      return TestData.rows(c, statement(file));
    }
  }

  @Test
  void exampleTablesHoldTheRecipesData() throws Exception {
    // examples/tables.sql loads the CSV files; twice is fine
    Cli.loadExampleTables(Cli.DEFAULT_URL);
    Cli.loadExampleTables(Cli.DEFAULT_URL);
    try (Connection c = DriverManager.getConnection(Cli.DEFAULT_URL, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT KL_DIVERGENCE(class_a, class_b) FROM grades), "
            + "(SELECT KL_DIVERGENCE(p, q) FROM bands_pivot WHERE experiment = 'ranking'), "
            + "(SELECT PSI(t.n, b.n) FROM traffic t JOIN traffic b ON b.band = t.band AND b.wk = 1 "
            + "WHERE t.wk = 8), (SELECT VAE_KL(mu, log_var) FROM latents WHERE sample_id = 2), "
            + "(SELECT COUNT(*) FROM results)")) {
      rs.next();
      // mpmath: the seed; bands ranking; baseline 8; vae 2 (references.py)
      assertThat(ReferenceCases.relativeError(rs.getDouble(1), 9.8082925301172643645e-2))
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(rs.getDouble(2), 2.9249128927897903053e-1))
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(rs.getDouble(3), 9.6611694888895972517e-2))
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(rs.getDouble(4), 2.2804876175943683423))
          .isLessThanOrEqualTo(1e-12);
      assertThat(rs.getInt(5)).isEqualTo(23);
    }
  }

  @Test
  void everyReferenceBelongsToAnExample() {
    for (String file : EXPECTED.keySet()) {
      assertThat(Path.of(file)).exists();
    }
  }
}
