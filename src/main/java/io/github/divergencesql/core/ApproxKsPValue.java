package io.github.divergencesql.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code APPROX_KS_PVALUE(x, y [, k])}: the two-sided asymptotic p-value of the two-sample
 * Kolmogorov–Smirnov test for the sketches' statistic ({@link ApproxKsStatistic}) and the sides'
 * counts, as {@code scipy.stats.ks_2samp(x, y, method='asymp')}: Apache Commons Statistics'
 * own asymptotic two-sample distribution, which its public API offers only through
 * {@link KolmogorovSmirnovTest#test(double[], double[])} on the values themselves; the sketch
 * keeps none, so its package-private {@code twoSampleApproximateP(d, n, m, twoSided)} is called
 * by reflection (pinned version; ApproxTest checks it against scipy, numeric_drift.py). Counts
 * above 2^31 − 1 are taken as 2^31 − 1 (the asymptote has long been reached). Where the effective
 * size m n/(m + n) is exactly k + ½, it is rounded half to even, as scipy (numpy) rounds it.
 */
public final class ApproxKsPValue extends SketchedTwoSample<ApproxKsPValue> {
  private static final MethodHandle APPROXIMATE_P = approximateP();

  public ApproxKsPValue() {
    super("APPROX_KS_PVALUE");
  }

  private static MethodHandle approximateP() {
    try {
      var m = KolmogorovSmirnovTest.class.getDeclaredMethod("twoSampleApproximateP",
          double.class, int.class, int.class, boolean.class);
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m)
          .asType(MethodType.methodType(double.class, double.class, int.class, int.class,
              boolean.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    return pValue(ApproxKsStatistic.statistic(xs, ys), xs.getN(), ys.getN());
  }

  static double pValue(double d, long n, long m) {
    int a = (int) Math.min(n, Integer.MAX_VALUE);
    int b = (int) Math.min(m, Integer.MAX_VALUE);
    double big = Math.max(a, b);
    double small = Math.min(a, b);
    double en = big * small / (big + small);
    if (en - Math.floor(en) == 0.5 && en < 1 << 29) {
      // Commons rounds the effective size m n/(m + n) half up, numpy (scipy) half to even:
      // 2k values a side have effective size k exactly
      a = 2 * (int) Math.rint(en);
      b = a;
    }
    try {
      return (double) APPROXIMATE_P.invokeExact(d, a, b, true);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
