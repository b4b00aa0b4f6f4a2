package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.DoubleDouble;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.Numerics;
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
 * memory: each side keeps its count and the sums of its deviations from its first value and of
 * their squares, as double-double pairs (Commons' descriptive statistics cannot be written to a
 * state; see {@code Side}). Values whose squared deviations leave the double range (about
 * 1.3e154 apart) are an error (22023).
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
   * One sample: its count n, a shift c (the first value this state saw) and the sums of the
   * deviations from it, Σ(v − c) and Σ(v − c)², each a double-double pair (each deviation exact
   * by Knuth's two-sum, its square by fma). Shifting keeps the sum of squares free of the mean
   * (no cancellation when the mean is 10¹² standard deviations from 0), and a constant sample
   * sums to exactly 0 in any order and split, so its variance is exactly 0; merging two states of
   * different shifts moves one onto the other's. The mean and the variance
   * (Σd² − (Σd)²/n)/(n − 1) are formed once, in decimal, from the pairs.
   */
  private static final class Side {
    long n;
    double shift;
    final DoubleDouble sum = new DoubleDouble();
    final DoubleDouble squares = new DoubleDouble();

    void add(String function, String argument, double v) {
      if (n == 0) {
        shift = v;
      }
      double dh = v - shift;
      double dl = Numerics.twoSumError(v, -shift, dh); // v − c = dh + dl exactly
      double sq = dh * dh;
      if (!Double.isFinite(sq)) {
        throw new InvalidArgumentException(function, argument, v, "is too far from the "
            + "sample's other values: the squared deviations leave the double range");
      }
      n++;
      sum.add(dh, dl);
      squares.add(sq);
      squares.add(Math.fma(dh, dh, -sq) + 2 * dh * dl);
    }

    void merge(Side o) {
      if (o.n == 0) {
        return;
      }
      if (n == 0) {
        shift = o.shift;
      }
      n += o.n;
      if (o.shift == shift) {
        sum.add(o.sum.hi(), o.sum.lo());
        squares.add(o.squares.hi(), o.squares.lo());
        return;
      }
      // o's deviations from our shift: d + e, e = o.shift − shift
      double e = o.shift - shift;
      double s1 = o.sum.hi() + o.sum.lo();
      sum.add(o.sum.hi(), o.sum.lo());
      sum.add(o.n * e);
      squares.add(o.squares.hi(), o.squares.lo());
      squares.add(2 * e * s1);
      squares.add(o.n * e * e);
    }

    private BigDecimal deviations() {
      return new BigDecimal(sum.hi()).add(new BigDecimal(sum.lo()));
    }

    double mean() {
      return new BigDecimal(shift).add(deviations().divide(BigDecimal.valueOf(n),
          MathContext.DECIMAL128)).doubleValue();
    }

    double variance() {
      BigDecimal s = deviations();
      BigDecimal d = new BigDecimal(squares.hi()).add(new BigDecimal(squares.lo()))
          .subtract(s.multiply(s).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128));
      return Math.max(0, d.divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128)
          .doubleValue());
    }
  }

  @Override
  public void add(double xv, double yv) {
    x.add(function, "x", InvalidArgumentException.finite(function, "x", xv));
    y.add(function, "y", InvalidArgumentException.finite(function, "y", yv));
  }

  @Override
  public void addNullable(Number xv, Number yv) {
    if (xv != null) {
      x.add(function, "x", InvalidArgumentException.finite(function, "x", xv.doubleValue()));
    }
    if (yv != null) {
      y.add(function, "y", InvalidArgumentException.finite(function, "y", yv.doubleValue()));
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
      out.writeDouble(s.shift);
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
      read.shift = in.readDouble();
      double[] parts = {read.shift, in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble()};
      for (double v : parts) {
        if (!Double.isFinite(v)) {
          throw new IOException("a corrupt " + function + " state");
        }
      }
      if (read.n < 0 || parts[3] < 0) {
        throw new IOException("a corrupt " + function + " state");
      }
      read.sum.add(parts[1], parts[2]);
      read.squares.add(parts[3], parts[4]);
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
