package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
/**
 * The additive smoothing constant α of one group: wᵢ' = wᵢ + α on both sides of every outcome,
 * then normalise (α = 1 on counts is Laplace smoothing, on probabilities Lidstone's). α must be
 * a finite non-negative number, the same on every row of the group, and not NULL.
 */
public final class Smoothing {
  private final String function;
  private double alpha = Double.NaN;

  public Smoothing(String function) {
    this.function = function;
  }

  /** Checks one row's α and returns it. */
  public double accept(Number value) {
    if (value == null) {
      throw new InvalidArgumentException(function, "alpha",
          "must not be NULL (omit the argument for no smoothing)",
          InvalidArgumentException.SQL_STATE);
    }
    return accept(value.doubleValue());
  }

  private double accept(double v) {
    if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
      throw new InvalidArgumentException(function, "alpha", v, "must be a finite non-negative number");
    }
    if (Double.isNaN(alpha)) {
      alpha = v + 0.0; // -0.0 is 0
    } else if (v != alpha) {
      throw new InvalidArgumentException(function, "alpha", v,
          "must be the same on every row of a group (first was " + alpha + ")");
    }
    return alpha;
  }

  public void merge(Smoothing other) {
    if (!Double.isNaN(other.alpha)) {
      accept(other.alpha);
    }
  }

  /** Writes α (NaN while no row has set it). */
  public void write(DataOutput out) throws IOException {
    out.writeDouble(alpha);
  }

  public void read(DataInput in) throws IOException {
    alpha = in.readDouble();
  }

  /** α, or 0 while no row has set it. */
  public double value() {
    return Double.isNaN(alpha) ? 0 : alpha;
  }
}
