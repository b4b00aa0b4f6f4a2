package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.PairMeasure;
import io.github.divergencesql.core.Smoothed;
import io.github.divergencesql.core.Smoothing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * What the binned forms ({@link Binned} over the values, {@link ApproxBinned} over sketches)
 * share beside their samples: the options {@code bins} and α, checked per row, merged, written and
 * read in one order, the interior edges from the reference sample's quantiles, and the measure
 * of the bin counts with α added to both counts of every bin. Not thread-safe (one group's).
 */
final class BinOptions {
  private final String function;
  private final Smoothing alpha;
  private final BinCount bins;

  BinOptions(String function, int maxBins) {
    this.function = function;
    this.alpha = new Smoothing(function);
    this.bins = new BinCount(function, maxBins);
  }

  /** Checks a row's bin count; rows with both values NULL do not count. */
  void accept(Number xv, Number yv, Number binCount) {
    if (xv != null || yv != null) {
      bins.accept(binCount);
    }
  }

  /** Checks a row's α, then its bin count. */
  void accept(Number xv, Number yv, Number binCount, Number a) {
    if (xv != null || yv != null) {
      alpha.accept(a);
    }
    accept(xv, yv, binCount);
  }

  void merge(BinOptions other) {
    alpha.merge(other.alpha);
    bins.merge(other.bins);
  }

  void write(DataOutput out) throws IOException {
    alpha.write(out);
    bins.write(out);
  }

  void read(DataInput in) throws IOException {
    alpha.read(in);
    bins.read(in);
  }

  /** The number of bins asked for (the default while no row gave it). */
  int bins() {
    return bins.value();
  }

  /**
   * The distinct interior edges, ascending: the reference's {@code quantile} at j / bins,
   * j = 1 … bins − 1, tied edges collapsed.
   */
  static double[] edges(int bins, DoubleUnaryOperator quantile) {
    double[] e = new double[bins - 1];
    int k = 0;
    for (int j = 1; j < bins; j++) {
      double v = quantile.applyAsDouble((double) j / bins);
      if (k == 0 || v != e[k - 1]) {
        e[k++] = v;
      }
    }
    return Arrays.copyOf(e, k);
  }

  /** The measure of the bins' masses {@code x[i]} and {@code y[i]}, α added to both. */
  <M extends PairMeasure<M>> Double measure(Supplier<M> measure, double[] x, double[] y) {
    Smoothed<M> smoothed = new Smoothed<>(function, measure.get());
    Double a = alpha.value();
    for (int i = 0; i < x.length; i++) {
      smoothed.addNullable(x[i], y[i], a);
    }
    return smoothed.result();
  }
}
