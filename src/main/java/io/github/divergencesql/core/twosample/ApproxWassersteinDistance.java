package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.DoubleDouble;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code APPROX_WASSERSTEIN_DISTANCE(x, y [, k])}: ∫ |F̂_x − F̂_y| dt over the sketches'
 * retained values ({@link SketchedSamples}); both estimated distribution functions are constant
 * between consecutive retained values, so the integral is a sum, in double-double, of
 * |F̂_x − F̂_y| times the gap. Its error is at most (ε_x + ε_y) times the range of the values.
 */
public final class ApproxWassersteinDistance
    extends SketchedTwoSample<ApproxWassersteinDistance> {
  public ApproxWassersteinDistance() {
    super("APPROX_WASSERSTEIN_DISTANCE");
  }

  @Override
  Double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    double[] t = points(xs, ys);
    DoubleDouble sum = new DoubleDouble();
    for (int i = 0; i + 1 < t.length; i++) {
      double gap = Math.abs(xs.getRank(t[i], INCLUSIVE) - ys.getRank(t[i], INCLUSIVE));
      sum.add(gap * (t[i + 1] - t[i]));
    }
    return sum.value();
  }
}
