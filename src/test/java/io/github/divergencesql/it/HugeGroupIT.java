package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.it.Jar.Run;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Huge groups through the jar in a small heap. Weights alternate 1, 3 against a constant 2 over
 * N outcomes, so every value has a closed form independent of N (derived in the comments):
 * p = (1, 3, 1, 3, …)/(2N), q = 1/N.
 */
class HugeGroupIT {
  private static final String W = "CASE WHEN MOD(X, 2) = 1 THEN 1 ELSE 3 END";

  private static double[] numbers(String out, int count) {
    Matcher m = Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?").matcher(out);
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      assertThat(m.find()).as("value %d in %s", i, out).isTrue();
      v[i] = Double.parseDouble(m.group());
    }
    return v;
  }

  @Test
  void aHundredMillionRowsStreamInAFortyEightMegabyteHeap() throws Exception {
    long start = System.nanoTime();
    Run r = Jar.run(List.of("-Xmx48m"), null, Map.of(), "-e",
        "SELECT KL_DIVERGENCE(" + W + ", 2) AS kl, CROSS_ENTROPY(" + W + ", 2) AS ce, "
            + "ENTROPY(" + W + ") AS h, PSI(" + W + ", 2) AS psi, "
            + "HELLINGER_DISTANCE(" + W + ", 2) AS hd, VAE_KL(" + W + " - 2, 0) AS vae "
            + "FROM SYSTEM_RANGE(1, 100000000)");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.exitCode()).as(r.err()).isZero();
    double[] v = numbers(r.out(), 6);
    double n = 1e8;
    // KL = ½·½ln(½) + ½·(3/2)ln(3/2) = ¼ln½ + ¾ln(3/2); CE = −Σ p ln(1/N) = ln N;
    // H = ¼ln(2N) + ¾ln(2N/3); PSI = KL + ½ln2 + ½ln(2/3); Hellinger² = 1 − ½(√½ + √(3/2));
    // VAE = Σ ½(±1)² = N/2
    double kl = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
    assertThat(v[0]).isCloseTo(kl, org.assertj.core.api.Assertions.within(1e-13));
    assertThat(v[1]).isCloseTo(Math.log(n), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(v[2]).isCloseTo(0.25 * Math.log(2 * n) + 0.75 * Math.log(2 * n / 3),
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(v[3]).isCloseTo(kl + 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3),
        org.assertj.core.api.Assertions.within(1e-13));
    assertThat(v[4]).isCloseTo(Math.sqrt(1 - 0.5 * (Math.sqrt(0.5) + Math.sqrt(1.5))),
        org.assertj.core.api.Assertions.within(1e-13));
    assertThat(r.out()).contains("5.0E7");
    System.out.printf("100M rows x 6 streaming aggregates in -Xmx48m: %.1f s%n", seconds);
  }

  @Test
  void tenMillionRowsThroughJsAndTvFailClearlyInASmallHeap() throws Exception {
    Run r = Jar.run(List.of("-Xmx48m"), null, Map.of(), "-e",
        "SELECT JS_DIVERGENCE(" + W + ", 2) AS js FROM SYSTEM_RANGE(1, 10000000)");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("JS_DIVERGENCE: rows need more memory than the JVM has")
        .contains("-Xmx").doesNotContain("OutOfMemoryError");
  }

  @Test
  void tenMillionRowsThroughJsAndTvFinishWithEnoughHeap() throws Exception {
    Run r = Jar.run(List.of("-Xmx1g"), null, Map.of(), "-e",
        "SELECT JS_DIVERGENCE(" + W + ", 2) AS js, TOTAL_VARIATION_DISTANCE(" + W + ", 2) AS tv "
            + "FROM SYSTEM_RANGE(1, 10000000)");
    assertThat(r.exitCode()).as(r.err()).isZero();
    double[] v = numbers(r.out(), 2);
    // m = (3/4N, 5/4N): JS = ½[¼ln(⅔) + ¾ln(6/5)] + ½[½ln(4/3) + ½ln(⅘)]; TV = ½·N·½·(1/2N)·2 = ¼
    double js = 0.5 * (0.25 * Math.log(2.0 / 3) + 0.75 * Math.log(1.2))
        + 0.5 * (0.5 * Math.log(4.0 / 3) + 0.5 * Math.log(0.8));
    assertThat(v[0]).isCloseTo(js, org.assertj.core.api.Assertions.within(1e-13));
    assertThat(v[1]).isCloseTo(0.25, org.assertj.core.api.Assertions.within(1e-13));
  }

  @Test
  void theBufferedRowLimitIsAClearError() throws Exception {
    Run r = Jar.run(List.of("-Ddivergence.maxBufferedRows=1000"), null, Map.of(), "-e",
        "SELECT TOTAL_VARIATION_DISTANCE(X, 1) FROM SYSTEM_RANGE(1, 5000)");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("TOTAL_VARIATION_DISTANCE: rows exceed the limit of 1000 rows")
        .contains("divergence.maxBufferedRows");
  }

  @Test
  void tenMillionValuesThroughTheExactTwoSampleFunctionsFailClearlyInASmallHeap() throws Exception {
    Run r = Jar.run(List.of("-Xmx48m"), null, Map.of(), "-e",
        "SELECT KS_PVALUE(X * 1e0, X + 0.5e0) AS p FROM SYSTEM_RANGE(1, 10000000)");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("KS_PVALUE: values need more memory than the JVM has")
        .contains("-Xmx").contains("APPROX_").doesNotContain("OutOfMemoryError");
    Run limit = Jar.run(List.of("-Ddivergence.maxBufferedValues=1000"), null, Map.of(), "-e",
        "SELECT WASSERSTEIN_DISTANCE(X * 1e0, NULL) FROM SYSTEM_RANGE(1, 5000)");
    assertThat(limit.exitCode()).isEqualTo(1);
    assertThat(limit.err()).contains("WASSERSTEIN_DISTANCE: values exceed the limit of 1000")
        .contains("divergence.maxBufferedValues");
  }

  @Test
  void aMillionValuesASideFinishWithTheReferenceShape() throws Exception {
    // x = 1..10^6, y = x + 0.5: F_x − F_y is 1/n on every gap [k, k + .5): D = 1e-6,
    // Wasserstein 0.5 (every value moves by 0.5); by hand
    Run r = Jar.run(List.of("-Xmx512m"), null, Map.of(), "-e",
        "SELECT KS_STATISTIC(X * 1e0, X + 0.5e0) AS d, WASSERSTEIN_DISTANCE(X * 1e0, X + 0.5e0) "
            + "AS w FROM SYSTEM_RANGE(1, 1000000)");
    assertThat(r.exitCode()).as(r.err()).isZero();
    double[] v = numbers(r.out(), 2);
    assertThat(v[0]).isCloseTo(1e-6, org.assertj.core.api.Assertions.within(1e-18));
    assertThat(v[1]).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void aHundredMillionValuesThroughAnApproxFormInAFortyEightMegabyteHeap() throws Exception {
    // 50M rows, each a reference and a current value: 100M values into two KLL sketches.
    // x uniform on 0..999, y the same shifted by 100: D = 0.1 (by hand); the sketches (k = 200,
    // rank error eps = 1.65 %) give D within 2 eps. APPROX_KS_DRIFT in the same pass: shifted by
    // 300 (D = 0.3) is drift at 0.05 past both sketches' error; the same distribution (y a
    // permutation of x's values) is not, though a p-value from two sketches of 5e7 values each
    // would call the sketches' own noise significant
    long start = System.nanoTime();
    Run r = Jar.run(List.of("-Xmx48m"), null, Map.of(), "-e",
        "SELECT APPROX_KS_STATISTIC(MOD(X, 1000) * 1e0, MOD(X * 7, 1000) + 100e0) AS d, "
            + "APPROX_KS_DRIFT(MOD(X, 1000) * 1e0, MOD(X * 7, 1000) + 300e0, 0.05) AS shifted, "
            + "APPROX_KS_DRIFT(MOD(X, 1000) * 1e0, MOD(X * 7, 1000) * 1e0, 0.05) AS same "
            + "FROM SYSTEM_RANGE(1, 50000000)");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.exitCode()).as(r.err()).isZero();
    double d = numbers(r.out(), 1)[0];
    double eps = org.apache.datasketches.kll.KllDoublesSketch.getNormalizedRankError(200, false);
    assertThat(d).isCloseTo(0.1, org.assertj.core.api.Assertions.within(2 * eps));
    assertThat(r.out()).containsPattern("\\|\\s*[0-9.E-]+\\s*\\|\\s*TRUE\\s*\\|\\s*FALSE\\s*\\|");
    System.out.printf("3 x 100M values through APPROX_KS_STATISTIC and APPROX_KS_DRIFT in "
        + "-Xmx48m: %.1f s (D %s)%n", seconds, d);
  }
}
