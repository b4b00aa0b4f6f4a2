package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.PairMeasure;
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
public final class ApproxBinned<M extends PairMeasure<M>> extends SketchedSamples<ApproxBinned<M>>
    implements BinnedForm {
  private final Supplier<M> measure;
  private final BinOptions options;

  public ApproxBinned(String function, Supplier<M> measure) {
    super(function);
    this.measure = measure;
    this.options = new BinOptions(function, 1 << 20);
  }

  @Override
  public BinOptions options() {
    return options;
  }

  /** One row with bins, α and k given. */
  public void addNullable(Number xv, Number yv, Number binCount, Number a, Number k) {
    acceptK(xv, yv, k);
    addNullable(xv, yv, binCount, a);
  }

  /** A row {@code (x, y [, bins [, alpha [, k]]])}. */
  @Override
  public void addRow(Object[] row) {
    if (row.length == 5) {
      addNullable((Number) row[0], (Number) row[1], (Number) row[2], (Number) row[3],
          (Number) row[4]);
    } else {
      addBinnedRow(row);
    }
  }

  @Override
  public ApproxBinned<M> merge(ApproxBinned<M> other) {
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

  @Override
  Double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    double[] e = BinOptions.edges(options.bins(), q -> xs.getQuantile(q, INCLUSIVE));
    double[] mx = new double[e.length + 1];
    double[] my = new double[e.length + 1];
    double fx = 0;
    double fy = 0;
    for (int i = 0; i <= e.length; i++) {
      // bin i: (e[i-1], e[i]]; its mass is the rank at e[i] (inclusive) less the rank before
      double rx = i < e.length ? xs.getRank(e[i], INCLUSIVE) : 1;
      double ry = i < e.length ? ys.getRank(e[i], INCLUSIVE) : 1;
      mx[i] = Math.max(0, rx - fx) * xs.getN();
      my[i] = Math.max(0, ry - fy) * ys.getN();
      fx = rx;
      fy = ry;
    }
    return options.measure(measure, mx, my);
  }
}
