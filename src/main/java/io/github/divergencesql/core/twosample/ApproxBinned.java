package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.PairMeasure;
import io.github.divergencesql.core.Smoothed;
import io.github.divergencesql.core.Smoothing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code APPROX_<MEASURE>_BINNED(x, y [, bins [, alpha [, k]]])}: {@link Binned} from two KLL
 * sketches ({@link SketchedSamples}): the interior edges are the distinct sketch quantiles of x
 * at j / bins (inclusive search), and each side's mass in a bin is its count times the
 * difference of the sketch's ranks at the bin's edges, so bins and rule are those of the exact
 * form up to the sketches' rank error.
 *
 * @param <M> the measure over the bins
 */
public final class ApproxBinned<M extends PairMeasure<M>> extends SketchedSamples<ApproxBinned<M>> {
  private final Supplier<M> measure;
  private final Smoothing alpha;
  private final BinCount bins;

  public ApproxBinned(String function, Supplier<M> measure) {
    super(function);
    this.measure = measure;
    this.alpha = new Smoothing(function);
    this.bins = new BinCount(function, 1 << 20);
  }

  /** One row with bins given. */
  public void addNullable(Number xv, Number yv, Number binCount) {
    if (xv != null || yv != null) {
      bins.accept(binCount);
    }
    addNullable(xv, yv);
  }

  /** One row with bins and α given. */
  public void addNullable(Number xv, Number yv, Number binCount, Number a) {
    if (xv != null || yv != null) {
      alpha.accept(a);
    }
    addNullable(xv, yv, binCount);
  }

  /** One row with bins, α and k given. */
  public void addNullable(Number xv, Number yv, Number binCount, Number a, Number k) {
    acceptK(xv, yv, k);
    addNullable(xv, yv, binCount, a);
  }

  @Override
  public ApproxBinned<M> merge(ApproxBinned<M> other) {
    alpha.merge(other.alpha);
    bins.merge(other.bins);
    return super.merge(other);
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    alpha.write(out);
    bins.write(out);
    super.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    alpha.read(in);
    bins.read(in);
    super.readState(in);
  }

  @Override
  double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    int b = bins.value();
    double[] e = new double[b - 1];
    int k = 0;
    for (int j = 1; j < b; j++) {
      double v = xs.getQuantile((double) j / b, INCLUSIVE);
      if (k == 0 || v != e[k - 1]) {
        e[k++] = v;
      }
    }
    Smoothed<M> smoothed = new Smoothed<>(function, measure.get());
    double a = alpha.value();
    double fx = 0;
    double fy = 0;
    for (int i = 0; i <= k; i++) {
      // bin i: (e[i-1], e[i]]; its mass is the rank at e[i] (inclusive) less the rank before
      double rx = i < k ? xs.getRank(e[i], INCLUSIVE) : 1;
      double ry = i < k ? ys.getRank(e[i], INCLUSIVE) : 1;
      smoothed.addNullable(Math.max(0, rx - fx) * xs.getN(), Math.max(0, ry - fy) * ys.getN(),
          a);
      fx = rx;
      fy = ry;
    }
    return smoothed.result();
  }
}
