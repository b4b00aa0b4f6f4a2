package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.PairBuffer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The state of an {@code APPROX_} two-sample function: one Apache DataSketches KLL sketch per
 * side ({@link KllDoublesSketch}) instead of the values, so memory stays constant (a few KiB for
 * the default k = 200) however many values a group has, and partial states merge (the sketches'
 * own serialised form travels between machines). Values as {@link TwoSampleMeasure}: NULLs add
 * nothing, NaN or infinite values are errors, NULL while a side is empty.
 *
 * <p>Accuracy: each sketch answers a rank query within its normalised rank error ε
 * ({@link KllDoublesSketch#getNormalizedRankError(boolean)}: about 1.65 % for k = 200, 0.33 % for
 * k = 1000, with 99 % confidence); an empirical distribution function read from a sketch is off
 * by at most ε, so the KS statistic by at most ε_x + ε_y. The optional trailing argument k (an
 * integer from 8 to 65535, the same on every row) trades memory for accuracy.
 *
 * @param <A> the concrete measure
 */
public abstract class SketchedSamples<A extends SketchedSamples<A>> implements Accumulator<A> {
  /** The default sketch size. */
  public static final int DEFAULT_K = 200;
  static final QuantileSearchCriteria INCLUSIVE = QuantileSearchCriteria.INCLUSIVE;

  final String function;
  /** k as given, 0 until a row gives it (then the sketches are made). */
  private int k;
  private KllDoublesSketch x;
  private KllDoublesSketch y;

  SketchedSamples(String function) {
    this.function = function;
  }

  /** One row with the default k (or the k of earlier rows). */
  public void addNullable(Number xv, Number yv) {
    if (xv != null) {
      sketches();
      x.update(InvalidArgumentException.finite(function, "x", xv.doubleValue()));
    }
    if (yv != null) {
      sketches();
      y.update(InvalidArgumentException.finite(function, "y", yv.doubleValue()));
    }
  }

  /** Checks one row's k; rows with both values NULL do not count. */
  void acceptK(Number xv, Number yv, Number value) {
    if (xv == null && yv == null) {
      return;
    }
    if (value == null) {
      throw new InvalidArgumentException(function, "k", "must not be NULL (omit the argument "
          + "for k = " + DEFAULT_K + ")", InvalidArgumentException.SQL_STATE);
    }
    double v = value.doubleValue();
    if (!(v >= 8 && v <= 65535 && v == Math.rint(v))) {
      throw new InvalidArgumentException(function, "k", v,
          "must be an integer from 8 to 65535");
    }
    setK((int) v);
  }

  private void setK(int value) {
    if (k == 0) {
      k = value;
    } else if (value != k) {
      throw new InvalidArgumentException(function, "k", value,
          "must be the same on every row of a group (first was " + k + ")");
    }
  }

  private void sketches() {
    if (x == null) {
      if (k == 0) {
        k = DEFAULT_K;
      }
      x = KllDoublesSketch.newHeapInstance(k);
      y = KllDoublesSketch.newHeapInstance(k);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public A merge(A other) {
    SketchedSamples<A> o = other;
    if (o.x == null) {
      return (A) this;
    }
    setK(o.k);
    sketches();
    x.merge(o.x);
    y.merge(o.y);
    return (A) this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeInt(x == null ? 0 : k);
    if (x != null) {
      write(out, x);
      write(out, y);
    }
  }

  private static void write(DataOutput out, KllDoublesSketch s) throws IOException {
    byte[] bytes = s.toByteArray();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    int kk = in.readInt();
    if (kk == 0) {
      return;
    }
    setK(kk);
    sketches();
    x.merge(read(in));
    y.merge(read(in));
  }

  private static KllDoublesSketch read(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > PairBuffer.MAX_STATE_BYTES) {
      throw new IOException("sketch of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    try {
      return KllDoublesSketch.heapify(Memory.wrap(bytes));
    } catch (RuntimeException e) {
      throw new IOException("not a KLL sketch: " + e.getMessage(), e);
    }
  }

  @Override
  public Double result() {
    if (x == null || x.isEmpty() || y.isEmpty()) {
      return null;
    }
    return of(x, y);
  }

  /** The measure of two non-empty sketches; null where it is undefined (SQL NULL). */
  abstract Double of(KllDoublesSketch xs, KllDoublesSketch ys);

  /** The retained values of both sketches, sorted, duplicates removed. */
  static double[] points(KllDoublesSketch a, KllDoublesSketch b) {
    double[] pa = a.getSortedView().getQuantiles();
    double[] pb = b.getSortedView().getQuantiles();
    double[] all = new double[pa.length + pb.length];
    System.arraycopy(pa, 0, all, 0, pa.length);
    System.arraycopy(pb, 0, all, pa.length, pb.length);
    java.util.Arrays.sort(all);
    int n = 0;
    for (double v : all) {
      if (n == 0 || v != all[n - 1]) {
        all[n++] = v;
      }
    }
    return java.util.Arrays.copyOf(all, n);
  }
}
