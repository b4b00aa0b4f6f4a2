package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * The rows of a group kept in two growing primitive arrays (16 bytes a row; 32 when the
 * weights are double-double category sums), for the measures
 * whose terms depend on both final totals: {@link JsDivergence} and {@link TotalVariationDistance}.
 * Rows with both weights 0 carry no mass and are not stored.
 */
public final class PairBuffer {
  /** A term of a row, homogeneous of degree 2 in the weights. */
  public interface RowTerm {
    /**
     * @param diff aᵢB − bᵢA
     * @param ab aᵢB
     * @param ba bᵢA (each side scaled by its own power of two, so that the sum of the terms
     *     divided by A·B is the same as if they were not)
     */
    double of(double diff, double ab, double ba);
  }

  /**
   * The pooled sample of both sides, for the measures that are not scale-free (the tests of
   * homogeneity): side a's share A/N of the pooled total N = A + B, side b's share B/N (each
   * with one rounding, not 1 minus the other), and N = mantissa · 2^exponent, which may lie
   * beyond the double range; A and B as doubles (infinite beyond the range), for messages.
   */
  public record Pooled(double shareA, double shareB, double mantissa, int exponent, double totalA,
      double totalB) {}

  /** System property: the most rows with weight one group may buffer (default 2^30). */
  static final String MAX_ROWS_PROPERTY = "divergence.maxBufferedRows";
  static final int MAX_ROWS = Integer.getInteger(MAX_ROWS_PROPERTY, 1 << 30);

  /** The largest state {@link #write} produces: what one Java byte array holds. */
  public static final long MAX_STATE_BYTES = Integer.MAX_VALUE - 64;

  private double[] p = new double[8];
  private double[] q = new double[8];
  /** Low parts of weights that are double-double sums (keyed forms); null until one is seen. */
  private double[] pLo;
  private double[] qLo;
  private int n;
  final SideTotal a = new SideTotal();
  final SideTotal b = new SideTotal();

  void add(String function, double xh, double xl, double yh, double yl) {
    if (xh == 0 && yh == 0) {
      return;
    }
    if (n == p.length) {
      grow(function);
    }
    if ((xl != 0 || yl != 0) && pLo == null) {
      pLo = new double[p.length];
      qLo = new double[p.length];
    }
    p[n] = xh;
    q[n] = yh;
    if (pLo != null) {
      pLo[n] = xl;
      qLo[n] = yl;
    }
    n++;
    a.fit(xh, 0);
    b.fit(yh, 0);
    a.sum.add(a.units(xh, 0), a.units(xl, 0));
    b.sum.add(b.units(yh, 0), b.units(yl, 0));
  }

  /**
   * Grows the arrays by half. A group that needs more rows than {@link #MAX_ROWS} or more memory
   * than the JVM has fails with an {@link InvalidArgumentException} naming the limit, not with an
   * OutOfMemoryError: the allocation that fails is the new, larger array, and the exception
   * releases the whole group's state.
   */
  private void grow(String function) {
    if (n >= MAX_ROWS) {
      throw new InvalidArgumentException(function, "rows", "exceed the limit of " + MAX_ROWS
          + " rows with weight in one group (this measure keeps its rows; set the system "
          + "property " + MAX_ROWS_PROPERTY + " to change the limit)",
          InvalidArgumentException.SQL_STATE);
    }
    int capacity = (int) Math.min(MAX_ROWS, Math.max(8L, n + (n >> 1)));
    try {
      p = Arrays.copyOf(p, capacity);
      q = Arrays.copyOf(q, capacity);
      if (pLo != null) {
        pLo = Arrays.copyOf(pLo, capacity);
        qLo = Arrays.copyOf(qLo, capacity);
      }
    } catch (OutOfMemoryError e) {
      throw new InvalidArgumentException(function, "rows", "need more memory than the JVM has: "
          + n + " rows with weight in one group are buffered (" + (16L * n >> 20)
          + " MiB; this measure keeps its rows, 16 bytes each); give the JVM more heap (-Xmx) or "
          + "use KL_DIVERGENCE, PSI or HELLINGER_DISTANCE, which keep constant memory",
          InvalidArgumentException.SQL_STATE);
    }
  }

  void addAll(String function, PairBuffer other) {
    for (int i = 0; i < other.n; i++) {
      add(function, other.p[i], other.pLo == null ? 0 : other.pLo[i],
          other.q[i], other.qLo == null ? 0 : other.qLo[i]);
    }
  }

  /** Writes the rows: their count, then each row's weights (16 bytes a row, 32 with low parts). */
  void write(DataOutput out) throws IOException {
    write(out, MAX_STATE_BYTES);
  }

  void write(DataOutput out, long maxBytes) throws IOException {
    if ((pLo == null ? 16L : 32L) * n > maxBytes) {
      throw new IOException(n + " buffered rows do not fit one state of at most " + maxBytes
          + " bytes (use KL_DIVERGENCE, PSI or HELLINGER_DISTANCE, whose states are constant)");
    }
    out.writeInt(n);
    out.writeBoolean(pLo != null);
    for (int i = 0; i < n; i++) {
      out.writeDouble(p[i]);
      out.writeDouble(q[i]);
      if (pLo != null) {
        out.writeDouble(pLo[i]);
        out.writeDouble(qLo[i]);
      }
    }
  }

  /** Adds the rows written by {@link #write}, in their order (so the totals come out the same). */
  void read(String function, DataInput in) throws IOException {
    int rows = in.readInt();
    boolean lo = in.readBoolean();
    for (int i = 0; i < rows; i++) {
      double xh = in.readDouble();
      double yh = in.readDouble();
      double xl = lo ? in.readDouble() : 0;
      double yl = lo ? in.readDouble() : 0;
      add(function, xh, xl, yh, yl);
    }
  }

  public boolean hasEmptySide() {
    return !a.hasMass || !b.hasMass;
  }

  /** The pooled total and each side's share of it; both sides must have mass. */
  public Pooled pooled() {
    int sa = Numerics.exponent(a.sum.hi) + a.exponent;
    int sb = Numerics.exponent(b.sum.hi) + b.exponent;
    int s = Math.max(sa, sb);
    // A and B in units of 2^s: the larger in [1, 2), so their sum cannot overflow
    double x = Math.scalb(a.sum.hi, a.exponent - s);
    double y = Math.scalb(b.sum.hi, b.exponent - s);
    double n = x + y;
    return new Pooled(x / n, y / n, n, s, Math.scalb(a.sum.hi, a.exponent),
        Math.scalb(b.sum.hi, b.exponent));
  }

  /**
   * Σᵢ term(aᵢB − bᵢA, aᵢB, bᵢA) / (A·B), compensated; aᵢB − bᵢA is taken with one rounding
   * from the double-double totals, so it is exactly 0 on rows where the normalised weights agree.
   * The same for any order of the rows: the scale comes from the totals, not from the units the
   * first row chose.
   */
  public double sumOverRows(RowTerm term) {
    DoubleDouble sum = new DoubleDouble();
    double norm = forEachRow(term, sum::add);
    return sum.value() / norm;
  }

  /** maxᵢ term(aᵢB − bᵢA, aᵢB, bᵢA) / (A·B), terms as for {@link #sumOverRows}. */
  double maxOverRows(RowTerm term) {
    double[] max = {0};
    double norm = forEachRow(term, t -> max[0] = Math.max(max[0], t));
    return max[0] / norm;
  }

  /** Hands each row's term to {@code sink}; returns A·B in the units the terms are in. */
  private double forEachRow(RowTerm term, DoubleConsumer sink) {
    // the totals scaled into [1, 2) and the rows with them: every product of a row and a total
    // stays normal unless the row is below 2^-1020 of its total, where its term is too
    int sa = Numerics.exponent(a.sum.hi) + a.exponent;
    int sb = Numerics.exponent(b.sum.hi) + b.exponent;
    double ah = Math.scalb(a.sum.hi, a.exponent - sa);
    double al = Math.scalb(a.sum.lo, a.exponent - sa);
    double bh = Math.scalb(b.sum.hi, b.exponent - sb);
    double bl = Math.scalb(b.sum.lo, b.exponent - sb);
    // a power-of-two factor makes the scaling one exact multiplication where it is normal
    double fa = Math.abs(sa) <= 1000 ? Math.scalb(1.0, -sa) : 0;
    double fb = Math.abs(sb) <= 1000 ? Math.scalb(1.0, -sb) : 0;
    for (int i = 0; i < n; i++) {
      double x = scaled(p[i], fa, sa);
      double y = scaled(q[i], fb, sb);
      double xl = pLo == null ? 0 : scaled(pLo[i], fa, sa);
      double yl = qLo == null ? 0 : scaled(qLo[i], fb, sb);
      double diff = Numerics.crossDifference(x, xl, y, yl, ah, al, bh, bl);
      double ab = x * bh;
      double ba = y * ah;
      if (ab != 0 || ba != 0) { // both 0 only for a row below 2^-1074 of both totals
        sink.accept(term.of(diff, ab, ba));
      }
    }
    return ah * bh;
  }

  /** The rows with weight on either side: the outcomes that count. */
  public int rows() {
    return n;
  }

  private static double scaled(double w, double factor, int exponent) {
    return factor != 0 ? w * factor : Math.scalb(w, -exponent);
  }
}
