package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.DoubleDouble;
import io.github.divergencesql.core.InvalidArgumentException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.statistics.inference.TTest;

/**
 * {@code WELCH_T_STATISTIC(x, y)} and {@code WELCH_T_PVALUE(x, y)}: Welch's unequal-variance t
 * test as {@code scipy.stats.ttest_ind(x, y, equal_var=False)}: t = (x̄ − ȳ)/√(s²ₓ/n + s²ᵧ/m)
 * (positive when x's mean is larger), Welch–Satterthwaite degrees of freedom, the two-sided
 * p-value from Apache Commons Statistics' {@link TTest} on the summary statistics. Constant
 * memory: each side keeps its count and its sums of values and squares as double-double pairs
 * (Commons' descriptive statistics cannot be written to a state, and Welford's update differs
 * in the last bits with the order of rows, so engines would disagree).
 * <ul>
 *   <li>NULL while a side has fewer than 2 values (scipy: nan);
 *   <li>both sides without variance: NULL where the means are equal (scipy: nan), else t = ±∞
 *       and p = 0 (scipy's values; Commons gives NaN);
 *   <li>values as {@link TwoSampleMeasure}: NULL adds nothing, NaN or infinite is an error.
 * </ul>
 * References: scipy 1.17.1 (two_sample_tests.py).
 */
public final class WelchT implements BinaryAccumulator<WelchT> {
  private static final TTest WELCH = TTest.withDefaults();

  private final String function;
  private final boolean pValue;
  private final Side x = new Side();
  private final Side y = new Side();

  private WelchT(String function, boolean pValue) {
    this.function = function;
    this.pValue = pValue;
  }

  public static WelchT statistic() {
    return new WelchT("WELCH_T_STATISTIC", false);
  }

  public static WelchT pValue() {
    return new WelchT("WELCH_T_PVALUE", true);
  }

  /**
   * One sample's count n and its sums Σv and Σv², each as an unevaluated double-double pair (a
   * square's rounding error kept by fma): exact for most data, so a result does not depend on
   * the order rows, splits or engines summed them; the mean and the variance
   * (Σv² − (Σv)²/n)/(n − 1) are formed once, in decimal, from the pairs.
   */
  private static final class Side {
    long n;
    final DoubleDouble sum = new DoubleDouble();
    final DoubleDouble squares = new DoubleDouble();

    void add(double v) {
      n++;
      sum.add(v);
      double sq = v * v;
      squares.add(sq);
      squares.add(Math.fma(v, v, -sq));
    }

    void merge(Side o) {
      n += o.n;
      sum.add(o.sum.hi(), o.sum.lo());
      squares.add(o.squares.hi(), o.squares.lo());
    }

    private static BigDecimal exact(DoubleDouble d) {
      return new BigDecimal(d.hi()).add(new BigDecimal(d.lo()));
    }

    double mean() {
      return exact(sum).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
    }

    double variance() {
      BigDecimal s = exact(sum);
      BigDecimal d = exact(squares).subtract(s.multiply(s).divide(BigDecimal.valueOf(n),
          MathContext.DECIMAL128));
      return Math.max(0, d.divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128)
          .doubleValue());
    }
  }

  @Override
  public void add(double xv, double yv) {
    x.add(InvalidArgumentException.finite(function, "x", xv));
    y.add(InvalidArgumentException.finite(function, "y", yv));
  }

  @Override
  public void addNullable(Number xv, Number yv) {
    if (xv != null) {
      x.add(InvalidArgumentException.finite(function, "x", xv.doubleValue()));
    }
    if (yv != null) {
      y.add(InvalidArgumentException.finite(function, "y", yv.doubleValue()));
    }
  }

  @Override
  public WelchT merge(WelchT other) {
    x.merge(other.x);
    y.merge(other.y);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    for (Side s : new Side[] {x, y}) {
      out.writeLong(s.n);
      out.writeDouble(s.sum.hi());
      out.writeDouble(s.sum.lo());
      out.writeDouble(s.squares.hi());
      out.writeDouble(s.squares.lo());
    }
  }

  @Override
  public void readState(DataInput in) throws IOException {
    for (Side s : new Side[] {x, y}) {
      Side read = new Side();
      read.n = in.readLong();
      double[] parts = {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()};
      for (double v : parts) {
        if (!Double.isFinite(v)) {
          throw new IOException("a corrupt " + function + " state");
        }
      }
      if (read.n < 0 || parts[2] < 0) {
        throw new IOException("a corrupt " + function + " state");
      }
      read.sum.add(parts[0], parts[1]);
      read.squares.add(parts[2], parts[3]);
      s.merge(read);
    }
  }

  @Override
  public Double result() {
    if (x.n < 2 || y.n < 2) {
      return null;
    }
    double vx = x.variance();
    double vy = y.variance();
    double mx = x.mean();
    double my = y.mean();
    if (vx == 0 && vy == 0) {
      if (mx == my) {
        return null;
      }
      return pValue ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, mx - my);
    }
    TTest.Result r = WELCH.test(mx, vx, x.n, my, vy, y.n);
    return pValue ? r.getPValue() : r.getStatistic();
  }
}
