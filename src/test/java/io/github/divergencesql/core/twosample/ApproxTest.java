package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import io.github.divergencesql.testing.NumericDriftCases.Case;
import io.github.divergencesql.testing.NumericDriftCases;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/**
 * The {@code APPROX_} forms (KLL sketches): within the sketches' stated rank error of the exact
 * forms over several distributions and sizes; equal to the references when the sketch still
 * holds every value (n ≤ k); their states merge and travel; bad input as the exact forms.
 */
class ApproxTest {
  /** Value generators: uniform, a heavy-tailed one, integers with ties, 60 % zeros. */
  private static DoubleSupplier[] distributions(Random r, double shift) {
    return new DoubleSupplier[] {
        () -> r.nextDouble() + shift,
        () -> Math.exp(2 * r.nextGaussian()) + shift,
        () -> r.nextInt(20) + Math.round(shift * 10),
        () -> r.nextDouble() < 0.6 ? 0 : r.nextDouble() * 10 + shift};
  }

  private static double epsilon(int k) {
    return KllDoublesSketch.getNormalizedRankError(k, false);
  }

  @Test
  void theKsStatisticIsWithinTheSketchesRankErrorOfTheExactOne() {
    for (int n : new int[] {1_000, 10_000, 200_000}) {
      Random r = new Random(n);
      DoubleSupplier[] xs = distributions(r, 0);
      DoubleSupplier[] ys = distributions(r, 0.05);
      for (int d = 0; d < xs.length; d++) {
        for (int k : new int[] {SketchedSamples.DEFAULT_K, 1000}) {
          KsStatistic exact = new KsStatistic();
          WassersteinDistance exactW = new WassersteinDistance();
          ApproxKsStatistic approx = new ApproxKsStatistic();
          ApproxWassersteinDistance approxW = new ApproxWassersteinDistance();
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < n; i++) {
            double x = xs[d].getAsDouble();
            double y = ys[d].getAsDouble();
            lo = Math.min(lo, Math.min(x, y));
            hi = Math.max(hi, Math.max(x, y));
            exact.add(x, y);
            exactW.add(x, y);
            approx.addNullable(x, y, k);
            approxW.addNullable(x, y, k);
          }
          // each sketch's rank error ε (99 % confidence); D moves by at most ε_x + ε_y, the
          // Wasserstein integral by at most that times the range
          double bound = 2 * epsilon(k);
          assertThat(Math.abs(approx.result() - exact.result()))
              .as("n %d distribution %d k %d", n, d, k).isLessThanOrEqualTo(bound);
          assertThat(Math.abs(approxW.result() - exactW.result()))
              .as("W n %d distribution %d k %d", n, d, k).isLessThanOrEqualTo(bound * (hi - lo));
        }
      }
    }
  }

  @Test
  void withEveryValueInTheSketchTheyAreTheReferences() {
    // n <= k: the sketch keeps every value; D and W are then exact, and the p-value is
    // Kolmogorov's limit for that D (numeric_drift.py: mpmath at 60 digits)
    for (Case c : NumericDriftCases.CASES.values()) {
      ApproxKsStatistic d = new ApproxKsStatistic();
      ApproxKsPValue p = new ApproxKsPValue();
      ApproxWassersteinDistance w = new ApproxWassersteinDistance();
      int rows = Math.max(c.x().length, c.y().length);
      for (int i = 0; i < rows; i++) {
        Double x = i < c.x().length ? c.x()[i] : null;
        Double y = i < c.y().length ? c.y()[i] : null;
        d.addNullable(x, y, 65535);
        p.addNullable(x, y, 65535);
        w.addNullable(x, y, 65535);
      }
      assertThat(d.result()).as(c.name())
          .isEqualTo(NumericDriftCases.expected(c.name(), "KS_STATISTIC"), within(1e-15));
      assertThat(NumericDriftCases.relativeError(p.result(),
          NumericDriftCases.expected(c.name(), "KS_PVALUE_LIMIT"))).as(c.name())
          .isLessThanOrEqualTo(1e-13);
      assertThat(NumericDriftCases.relativeError(w.result(),
          NumericDriftCases.expected(c.name(), "WASSERSTEIN_DISTANCE"))).as(c.name())
          .isLessThanOrEqualTo(1e-12);
    }
  }

  @Test
  void binnedFormsFollowTheExactOnesOnLargeSamples() {
    Random r = new Random(11);
    for (DivergenceFunction[] pair : new DivergenceFunction[][] {
        {DivergenceFunction.PSI_BINNED, DivergenceFunction.APPROX_PSI_BINNED},
        {DivergenceFunction.KL_DIVERGENCE_BINNED, DivergenceFunction.APPROX_KL_DIVERGENCE_BINNED},
        {DivergenceFunction.JS_DIVERGENCE_BINNED, DivergenceFunction.APPROX_JS_DIVERGENCE_BINNED},
        {DivergenceFunction.HELLINGER_DISTANCE_BINNED,
            DivergenceFunction.APPROX_HELLINGER_DISTANCE_BINNED},
        {DivergenceFunction.TOTAL_VARIATION_DISTANCE_BINNED,
            DivergenceFunction.APPROX_TOTAL_VARIATION_DISTANCE_BINNED}}) {
      Accumulator<?> exact = pair[0].newAccumulator(4);
      Accumulator<?> approx = pair[1].newAccumulator(5);
      for (int i = 0; i < 200_000; i++) {
        double x = r.nextGaussian();
        double y = r.nextGaussian() * 1.2 + 0.3;
        pair[0].addRow(exact, x, y, 10, 0.5);
        pair[1].addRow(approx, x, y, 10, 0.5, 1000);
      }
      // a bin's share moves by at most 2ε (its two edges' ranks), ε = 0.33 % for k = 1000;
      // relative to measures of this size (0.05 to 0.3), within 10 % (empirical: 1 to 3 %)
      double e = (Double) exact.result();
      assertThat((Double) approx.result()).as(pair[1].name()).isCloseTo(e, within(0.1 * e));
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  @Test
  void statesMergeAndTravelThroughTheCodec() {
    DivergenceFunction f = DivergenceFunction.APPROX_KS_STATISTIC;
    Random r = new Random(5);
    Accumulator a = f.newAccumulator(2);
    Accumulator b = f.newAccumulator(2);
    KsStatistic exact = new KsStatistic();
    for (int i = 0; i < 50_000; i++) {
      double x = r.nextDouble();
      double y = r.nextDouble() * 1.1;
      f.addRow(i % 2 == 0 ? a : b, x, y);
      exact.add(x, y);
    }
    Accumulator back = StateCodec.fromBytes(f, 2, StateCodec.toBytes(f, 2, a));
    assertThat(back.result()).isEqualTo(a.result()); // the sketch travels as it is
    double merged = (Double) back.merge(b).result();
    assertThat(Math.abs(merged - exact.result())).isLessThanOrEqualTo(2 * epsilon(200));
    assertThat(StateCodec.toBytes(f, 2, a).length).isLessThan(16 << 10); // about 4 KiB a side
  }

  @Test
  void badInputAsTheExactFormsAndKIsChecked() {
    DivergenceFunction f = DivergenceFunction.APPROX_WASSERSTEIN_DISTANCE;
    assertThatThrownBy(() -> f.addRow(f.newAccumulator(2), Double.NaN, 1.0))
        .hasMessage("APPROX_WASSERSTEIN_DISTANCE: x must be finite, got NaN");
    for (Object bad : new Object[] {7, 65536, 100.5}) {
      assertThatThrownBy(() -> f.addRow(f.newAccumulator(3), 1.0, 2.0, bad))
          .hasMessageStartingWith("APPROX_WASSERSTEIN_DISTANCE: k must be an integer from 8 "
              + "to 65535");
    }
    Accumulator<?> a = f.newAccumulator(3);
    f.addRow(a, 1.0, 2.0, 100);
    assertThatThrownBy(() -> f.addRow(a, 1.0, 2.0, 200)).hasMessageContaining(
        "k must be the same on every row of a group (first was 100)");
    Accumulator<?> empty = f.newAccumulator(2);
    f.addRow(empty, 1.0, null);
    assertThat(empty.result()).isNull();
    assertThat(DivergenceFunction.APPROX_PSI_BINNED.signature())
        .isEqualTo("APPROX_PSI_BINNED(x, y [, bins [, alpha [, k]]])");
  }

  @Test
  void thePValueIsKolmogorovsLimitAtTheEffectiveSize() {
    // mpmath at 60 digits from the exact binary d, the series of numeric_drift.py's kolmogorov_sf
    // (scipy 1.17.1's special.kolmogorov agrees to 1e-15 where it does not underflow):
    // Q(sqrt(n m/(n + m)) d) for (d, n, m)
    double[][] cases = {
        {0.1, 71, 10_011, 0.48118699275551783965},
        {0.2, 200, 300, 0.00013545747298166551715},
        {0.0625, 1000, 1000, 0.04023126057805674187},
        {0.5, 1000, 1000, 5.338380431082552787e-109},
        {0.001, 1000, 1000, 1.0},
        {0.03, 1e8, 1e8, 0.0}}; // 6.3e-39087: below the smallest double
    for (double[] c : cases) {
      double p = ApproxKsPValue.pValue(c[0], (long) c[1], (long) c[2]);
      assertThat(p).as("d %s n %s m %s", c[0], c[1], c[2])
          .isCloseTo(c[3], org.assertj.core.api.Assertions.withinPercentage(1e-11));
      assertThat(ApproxKsPValue.pValue(c[0], (long) c[2], (long) c[1])).isEqualTo(p);
    }
    assertThat(ApproxKsPValue.kolmogorovSf(0)).isEqualTo(1.0);
    // either side of the switch between the two series (z = 1), mpmath as above
    assertThat(ApproxKsPValue.kolmogorovSf(Math.nextDown(1.0)))
        .isCloseTo(0.26999967167735464022, org.assertj.core.api.Assertions.withinPercentage(1e-12));
    assertThat(ApproxKsPValue.kolmogorovSf(1.0))
        .isCloseTo(0.2699996716773545212, org.assertj.core.api.Assertions.withinPercentage(1e-12));
  }

  private static Boolean drift(double[] x, double[] y, double alpha) {
    DivergenceFunction f = DivergenceFunction.APPROX_KS_DRIFT;
    Accumulator<?> a = f.newAccumulator(3);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      f.addRow(a, i < x.length ? x[i] : null, i < y.length ? y[i] : null, alpha);
    }
    // through the state codec, as an engine ships it
    return DivergenceFunction.truth(StateCodec.fromBytes(f, 3, StateCodec.toBytes(f, 3, a))
        .result());
  }

  private static double[] range(double from, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + i;
    }
    return v;
  }

  @Test
  void driftIsDataSketchesDecisionAndNullWhenTheSketchesCannotSay() {
    // three values a side: threshold sqrt(-ln(0.025)/2) sqrt(6/9) + 2 eps, eps = 2.296/200^0.9723
    // (DataSketches' KLL rank error): 1.1354747590846752 by hand (Python), above any distance
    double eps = 2.296 / Math.pow(200, 0.9723);
    assertThat(Math.sqrt(-0.5 * Math.log(0.05 / 2)) * Math.sqrt(6.0 / 9) + 2 * eps)
        .isCloseTo(1.1354747590846752, within(1e-15));
    assertThat(drift(range(1, 3), range(4, 3), 0.05)).isNull();
    // 1,000 values a side, shifted by 300: the sketches' distance about 0.3 against a threshold
    // of about 0.133 (324 values retained a side); shifted by 5 of 1,000: no drift the sketches
    // can show
    assertThat(drift(range(0, 1000), range(300, 1000), 0.05)).isTrue();
    assertThat(drift(range(0, 1000), range(5, 1000), 0.05)).isFalse();
    // DataSketches' own decision on the same sketches
    KllDoublesSketch a = KllDoublesSketch.newHeapInstance(200);
    KllDoublesSketch b = KllDoublesSketch.newHeapInstance(200);
    for (int i = 0; i < 100_000; i++) {
      a.update(i);
      b.update(i + 5000);
    }
    ApproxKsDrift fromSketches = new ApproxKsDrift();
    for (int i = 0; i < 100_000; i++) {
      fromSketches.addNullable((double) i, (double) (i + 5000), 0.001);
    }
    assertThat(fromSketches.result()).isEqualTo(
        org.apache.datasketches.quantilescommon.KolmogorovSmirnov.kolmogorovSmirnovTest(a, b,
            0.001) ? 1.0 : 0.0);
  }

  @Test
  void driftsAlphaIsALevelTheSameOnEveryRow() {
    DivergenceFunction f = DivergenceFunction.APPROX_KS_DRIFT;
    for (double bad : new double[] {0, 1, -0.5, 2, Double.NaN}) {
      assertThatThrownBy(() -> f.addRow(f.newAccumulator(3), 1.0, 2.0, bad))
          .hasMessageStartingWith("APPROX_KS_DRIFT: alpha must be a significance level, "
              + "0 < alpha < 1, got");
    }
    assertThatThrownBy(() -> f.addRow(f.newAccumulator(3), 1.0, 2.0, null))
        .hasMessage("APPROX_KS_DRIFT: alpha must not be NULL");
    Accumulator<?> a = f.newAccumulator(3);
    f.addRow(a, 1.0, 2.0, 0.05);
    assertThatThrownBy(() -> f.addRow(a, 1.0, 2.0, 0.01)).hasMessage(
        "APPROX_KS_DRIFT: alpha must be the same on every row of a group (first was 0.05), "
            + "got 0.01");
    f.addRow(a, null, null, null); // no row: its alpha is not read
    assertThat(f.signature()).isEqualTo("APPROX_KS_DRIFT(x, y, alpha [, k])");
    assertThat(f.returnsBoolean()).isTrue();
  }
}
