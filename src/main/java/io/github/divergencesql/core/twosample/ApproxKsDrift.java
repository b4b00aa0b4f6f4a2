package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.InvalidArgumentException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.KolmogorovSmirnov;

/**
 * {@code APPROX_KS_DRIFT(x, y, alpha [, k])}: whether the two samples' distributions differ at
 * level alpha once both KLL sketches' error bounds are allowed for, as Apache DataSketches'
 * {@link KolmogorovSmirnov#kolmogorovSmirnovTest} decides it: TRUE when its distance of the two
 * sketches exceeds c(α)·√((r₁ + r₂)/(r₁r₂)) + ε₁ + ε₂, with c(α) = √(−½ ln(α/2)), r the values
 * each sketch retains and ε its normalised rank error (the test's threshold,
 * {@link KolmogorovSmirnov#computeKSThreshold}). A p-value from sketches is erratic on large
 * samples, where the rank error dominates (whylogs #684); this answers only what the sketches
 * can support.
 * <ul>
 *   <li>NULL when the samples are too small to say: a threshold of 1 or more, which no distance
 *       can exceed; NULL while a side has no value;
 *   <li>alpha must be a number in (0, 1), the same on every row of a group, not NULL (rows with
 *       both values NULL are not read); k as {@code APPROX_KS_STATISTIC}'s;
 *   <li>constant memory (two sketches), mergeable, the state as the other APPROX_ forms'.
 * </ul>
 * The core's result is 1.0 for TRUE and 0.0 for FALSE; every engine returns a BOOLEAN.
 */
public final class ApproxKsDrift extends SketchedSamples<ApproxKsDrift> {
  /** α as given; NaN until a row gives it. */
  private double alpha = Double.NaN;

  public ApproxKsDrift() {
    super("APPROX_KS_DRIFT");
  }

  /** One row with α (and the default k, or the k of earlier rows). */
  public void addNullable(Number xv, Number yv, Number a) {
    acceptAlpha(xv, yv, a);
    addNullable(xv, yv);
  }

  /** One row with α and k. */
  public void addNullable(Number xv, Number yv, Number a, Number k) {
    acceptAlpha(xv, yv, a);
    acceptK(xv, yv, k);
    addNullable(xv, yv);
  }

  /** A row {@code (x, y, alpha [, k])}. */
  @Override
  public void addRow(Object[] row) {
    if (row.length == 3) {
      addNullable((Number) row[0], (Number) row[1], (Number) row[2]);
    } else {
      addNullable((Number) row[0], (Number) row[1], (Number) row[2], (Number) row[3]);
    }
  }

  private void acceptAlpha(Number xv, Number yv, Number a) {
    if (xv == null && yv == null) {
      return;
    }
    if (a == null) {
      throw new InvalidArgumentException(function, "alpha", "must not be NULL",
          InvalidArgumentException.SQL_STATE);
    }
    setAlpha(a.doubleValue());
  }

  private void setAlpha(double v) {
    if (!(v > 0 && v < 1)) {
      throw new InvalidArgumentException(function, "alpha", v,
          "must be a significance level, 0 < alpha < 1");
    }
    if (Double.isNaN(alpha)) {
      alpha = v;
    } else if (v != alpha) {
      throw new InvalidArgumentException(function, "alpha", v,
          "must be the same on every row of a group (first was " + alpha + ")");
    }
  }

  @Override
  public ApproxKsDrift merge(ApproxKsDrift other) {
    if (!Double.isNaN(other.alpha)) {
      setAlpha(other.alpha);
    }
    return super.merge(other);
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeDouble(alpha);
    super.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    double a = in.readDouble();
    if (!Double.isNaN(a)) {
      if (!(a > 0 && a < 1)) {
        throw new IOException("alpha " + a);
      }
      setAlpha(a);
    }
    super.readState(in);
  }

  @Override
  Double of(KllDoublesSketch xs, KllDoublesSketch ys) {
    if (KolmogorovSmirnov.computeKSThreshold(xs, ys, alpha) >= 1) {
      return null;
    }
    return KolmogorovSmirnov.kolmogorovSmirnovTest(xs, ys, alpha) ? 1.0 : 0.0;
  }
}
