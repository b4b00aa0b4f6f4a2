package io.github.divergencesql.core.twosample;

import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code APPROX_KS_STATISTIC(x, y [, k])}: the two-sample Kolmogorov–Smirnov statistic from two
 * KLL sketches ({@link SketchedSamples}): sup |F̂_x − F̂_y| over the sketches' retained values,
 * where both estimated distribution functions step; within ε_x + ε_y of the exact D.
 */
public final class ApproxKsStatistic extends SketchedTwoSample<ApproxKsStatistic> {
  public ApproxKsStatistic() {
    super("APPROX_KS_STATISTIC");
  }

  @Override
  Double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    return statistic(xs, ys);
  }

  static double statistic(KllDoublesSketch xs, KllDoublesSketch ys) {
    double d = 0;
    for (double t : points(xs, ys)) {
      d = Math.max(d, Math.abs(xs.getRank(t, INCLUSIVE) - ys.getRank(t, INCLUSIVE)));
    }
    return d;
  }
}
