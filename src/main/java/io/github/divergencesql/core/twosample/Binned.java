package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.PairMeasure;
import io.github.divergencesql.core.Smoothed;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code <MEASURE>_BINNED(x, y [, bins [, alpha]])}: a discrete measure over bins taken from the
 * reference sample x. Interior edges are the distinct values of the {@code j / bins} quantiles of
 * x, j = 1 … bins − 1, interpolated linearly ({@code PERCENTILE_CONT}, numpy's
 * {@code quantile(x, q, method='linear')}, reproduced to the last bit: the position
 * {@code (n − 1)·q}, then numpy's two-sided lerp); a value v falls in bin "number of edges
 * &lt; v", so bins are (e[i−1], e[i]], the first and last open-ended, and current values outside
 * the reference's range land in the end bins; tied edges collapse (a reference that is 60 % zeros
 * has fewer bins, never an empty duplicate). Then the measure of the bin counts, P from x and Q
 * from y, with α added to both counts of every bin ({@link Smoothed}). {@code bins} defaults to
 * 10 and must be an integer ≥ 2, the same on every row, like α.
 *
 * <p>Values as {@link TwoSampleMeasure}: NULLs add nothing, NaN or infinite values are errors,
 * NULL while a side is empty.
 *
 * @param <M> the measure over the bins
 */
public final class Binned<M extends PairMeasure<M>> extends TwoSampleMeasure<Binned<M>>
    implements BinnedForm {
  /** The default number of bins. */
  public static final int DEFAULT_BINS = BinCount.DEFAULT;

  private final Supplier<M> measure;
  private final BinOptions options;

  public Binned(String function, Supplier<M> measure) {
    super(function);
    this.measure = measure;
    this.options = new BinOptions(function, ValueBuffer.MAX_VALUES);
  }

  @Override
  public BinOptions options() {
    return options;
  }

  @Override
  public void addRow(Object[] row) {
    addBinnedRow(row);
  }

  @Override
  public Binned<M> merge(Binned<M> other) {
    options.merge(other.options);
    return super.merge(other);
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    options.write(out);
    super.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    options.read(in);
    super.readState(in);
  }

  /** Heap a bin takes while the measure is taken: an edge, two counts and the smoothed sums. */
  private static final long BYTES_PER_BIN = 8 + 16 + 32;

  @Override
  Double of(double[] xs, double[] ys) {
    int b = options.bins();
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    double[] edges;
    double[] cx;
    double[] cy;
    try {
      if ((long) b * BYTES_PER_BIN > free) {
        throw new OutOfMemoryError();
      }
      edges = edges(xs, b);
      cx = counts(edges, xs);
      cy = counts(edges, ys);
    } catch (OutOfMemoryError e) {
      throw new InvalidArgumentException(function, "bins", b, "needs more memory than the JVM "
          + "has (about " + BYTES_PER_BIN + " bytes a bin): use fewer bins or give the JVM more "
          + "heap (-Xmx)");
    }
    return options.measure(measure, cx, cy);
  }

  /** The distinct interior edges of sorted {@code xs}, ascending. */
  static double[] edges(double[] xs, int bins) {
    return BinOptions.edges(bins, q -> quantile(xs, q));
  }

  /** numpy.quantile(xs, q, method='linear') of sorted xs (numpy 1.24's arithmetic). */
  static double quantile(double[] xs, double q) {
    int n = xs.length;
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return xs[n - 1];
    }
    double t = h - lo;
    double a = xs[lo];
    double b = xs[lo + 1];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** Values per bin: bin i holds the values with exactly i edges below them (exact below 2^53). */
  static double[] counts(double[] edges, double[] sorted) {
    double[] c = new double[edges.length + 1];
    int bin = 0;
    for (double v : sorted) {
      while (bin < edges.length && edges[bin] < v) {
        bin++;
      }
      c[bin]++;
    }
    return c;
  }
}
