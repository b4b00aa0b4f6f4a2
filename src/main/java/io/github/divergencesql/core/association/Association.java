package io.github.divergencesql.core.association;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.DoubleDouble;
import io.github.divergencesql.core.Entropy;
import io.github.divergencesql.core.KlDivergence;
import io.github.divergencesql.core.Numerics;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The association between two categorical columns, over one group's observations (x, y)
 * ({@link CrossTab}: NULL is a category, memory grows with distinct pairs). With n_ij the count
 * of pair (i, j), a_i and b_j the margins, N the total, r and c the numbers of distinct x and y:
 *
 * <ul>
 *   <li>{@code MUTUAL_INFORMATION}: I(X;Y) = KL(P(x,y) ‖ P(x)P(y)) in nats, by
 *       {@link KlDivergence} itself over the observed cells (p = n_ij, q = a_i b_j, exact as
 *       double-double) and one cell for all unobserved ones (p = 0, q = N² − Σ a_i b_j, exact
 *       in 128-bit integers): never negative, exactly 0 for independent counts, full precision
 *       near independence, where Σ p ln(p/q) over the cells would cancel.
 *   <li>{@code THEILS_U}: the uncertainty coefficient U(X|Y) = I(X;Y)/H(X), the share of x's
 *       entropy that y explains (so THEILS_U(x, y) ≠ THEILS_U(y, x)), in [0, 1], as ClickHouse's
 *       {@code theilsU(x, y)} since its PR #89760 (before it, ClickHouse returned −U); NULL where
 *       H(X) = 0 (one value of x; ClickHouse: 0).
 *   <li>{@code CRAMERS_V}: √(φ²/min(r − 1, c − 1)), φ² = χ²/N with χ² Pearson's statistic of
 *       independence over all r × c cells, written as a sum of non-negative terms over the
 *       observed cells, (n_ij N − a_i b_j)²/(a_i b_j N²), plus (N² − Σ a_i b_j)/N² for the
 *       unobserved ones: no cancellation (ClickHouse's Σ n²/(a b) − 1 cancels near
 *       independence). As scipy's {@code contingency.association(method='cramer')} and
 *       ClickHouse's {@code cramersV}; NULL where min(r, c) = 1 (scipy and ClickHouse: NaN).
 *   <li>{@code CRAMERS_V_BIAS_CORRECTED}: Bergsma's correction, as ClickHouse's
 *       {@code cramersVBiasCorrected}: φ²₊ = max(0, φ² − (r−1)(c−1)/(N−1)),
 *       r̃ = r − (r−1)²/(N−1), c̃ = c − (c−1)²/(N−1), √(φ²₊/min(r̃ − 1, c̃ − 1)); NULL where
 *       N &lt; 2 or min(r̃, c̃) ≤ 1.
 *   <li>{@code CONTINGENCY_COEFFICIENT}: Pearson's C = √(χ²/(χ² + N)) = √(φ²/(1 + φ²)), as
 *       scipy's {@code association(method='pearson')} and ClickHouse's {@code contingency}.
 * </ul>
 *
 * <p>NULL for a group without rows. Unlike ClickHouse, which skips a row with a NULL and hashes
 * values (so −0.0 ≠ 0.0 there), NULL is a category and values compare as SQL compares them. Not
 * thread-safe (one group's state).
 */
public final class Association implements Accumulator<Association> {
  /** The measure taken over the table. */
  public enum Measure {
    MUTUAL_INFORMATION,
    THEILS_U,
    CRAMERS_V,
    CRAMERS_V_BIAS_CORRECTED,
    CONTINGENCY_COEFFICIENT
  }

  private final Measure measure;
  private final CrossTab table;

  /** The table, for tests that add a whole cell at once. */
  CrossTab table() {
    return table;
  }

  public Association(Measure measure) {
    this.measure = measure;
    this.table = new CrossTab(measure.name());
  }

  /** One observation as the engine delivers it: any comparable values, NULL a category. */
  public void addNullable(Object x, Object y) {
    table.add(x, y);
  }

  /** A row {@code (x, y)}. */
  @Override
  public void addRow(Object[] row) {
    table.add(row[0], row[1]);
  }

  @Override
  public Association merge(Association other) {
    table.addAll(other.table);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    table.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    table.read(in);
  }

  @Override
  public Double result() {
    if (table.total() == 0) {
      return null;
    }
    return switch (measure) {
      case MUTUAL_INFORMATION -> mutualInformation(table);
      case THEILS_U -> {
        double hx = entropyOfX(table);
        yield hx == 0 ? null : mutualInformation(table) / hx;
      }
      case CRAMERS_V -> {
        int q = Math.min(table.rows(), table.columns());
        yield q <= 1 ? null : Math.sqrt(phiSquared(table) / (q - 1));
      }
      case CRAMERS_V_BIAS_CORRECTED -> biasCorrectedV(table);
      case CONTINGENCY_COEFFICIENT -> {
        double phi2 = phiSquared(table);
        yield Math.sqrt(phi2 / (1 + phi2));
      }
    };
  }

  /** I(X;Y) in nats: KL of the joint from the product of the margins. */
  static double mutualInformation(CrossTab t) {
    KlDivergence kl = new KlDivergence();
    long n = t.total();
    long[] sum = new long[2]; // Σ a_i b_j, 128 bits: high, low
    long[] cells = t.sortedCells();
    for (int k = 0; k < cells.length; k += 3) {
      long a = cells[k + 1];
      long b = cells[k + 2];
      double ab = (double) a * b;
      kl.addParts(cells[k], 0, ab, Math.fma(a, (double) b, -ab));
      Numerics.addProduct128(sum, a, b);
    }
    BigInteger rest = square(n).subtract(Numerics.toBigInteger(sum[0], sum[1]));
    if (rest.signum() > 0) {
      double hi = rest.doubleValue();
      kl.addParts(0, 0, hi, rest.subtract(exact(hi)).doubleValue());
    }
    Double d = kl.result();
    return d == null ? 0 : d;
  }

  /** H(X) in nats, of x's margin. */
  static double entropyOfX(CrossTab t) {
    Entropy h = new Entropy();
    for (long a : t.sortedXCounts()) {
      h.add(a);
    }
    Double v = h.result();
    return v == null ? 0 : v;
  }

  /** φ² = χ²/N, as a sum of non-negative terms. */
  static double phiSquared(CrossTab t) {
    long n = t.total();
    double nn = (double) n * n;
    DoubleDouble observed = new DoubleDouble();
    long[] sum = new long[2];
    long[] cells = t.sortedCells();
    for (int k = 0; k < cells.length; k += 3) {
      long count = cells[k];
      long a = cells[k + 1];
      long b = cells[k + 2];
      long abHi = Math.multiplyHigh(a, b);
      long abLo = a * b;
      Numerics.add128(sum, abHi, abLo);
      // n_ij N − a_i b_j, exactly in 128 bits, then rounded once
      long[] d = {Math.multiplyHigh(count, n), count * n};
      Numerics.add128(d, ~abHi + (abLo == 0 ? 1 : 0), -abLo);
      double diff = toDouble(d[0], d[1]);
      observed.add(diff / ((double) a * b) * (diff / nn));
    }
    double rest = square(n).subtract(Numerics.toBigInteger(sum[0], sum[1])).doubleValue() / nn;
    observed.add(rest);
    return observed.value();
  }

  private static Double biasCorrectedV(CrossTab t) {
    long n = t.total();
    if (n < 2) {
      return null;
    }
    int r = t.rows();
    int c = t.columns();
    double m = n - 1.0;
    double phi2 = Math.max(0, phiSquared(t) - (r - 1.0) * (c - 1.0) / m);
    double rc = r - (r - 1.0) * (r - 1.0) / m;
    double cc = c - (c - 1.0) * (c - 1.0) / m;
    double q = Math.min(rc, cc) - 1;
    return q <= 0 ? null : Math.sqrt(phi2 / q);
  }

  /** (hi, lo) as a double, rounded once where it matters (|v| &lt; 2^63 exactly as a long). */
  private static double toDouble(long hi, long lo) {
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return Numerics.toBigInteger(hi, lo).doubleValue();
  }

  private static BigInteger square(long n) {
    BigInteger b = BigInteger.valueOf(n);
    return b.multiply(b);
  }

  private static BigInteger exact(double v) {
    return new java.math.BigDecimal(v).toBigInteger();
  }
}
