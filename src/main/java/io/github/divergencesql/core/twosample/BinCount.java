package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.Smoothing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The {@code bins} argument of the binned forms: an integer ≥ 2, not NULL, the same on every row
 * of a group; {@link #DEFAULT} when no row gives it. Kept like {@link Smoothing}'s α.
 */
final class BinCount {
  /** The number of bins when a call does not give one. */
  static final int DEFAULT = 10;

  private final String function;
  private final int max;
  /** bins as given, 0 until a row gives it. */
  private int bins;

  BinCount(String function, int max) {
    this.function = function;
    this.max = max;
  }

  /** Checks one row's bins. */
  void accept(Number value) {
    if (value == null) {
      throw new InvalidArgumentException(function, "bins",
          "must not be NULL (omit the argument for " + DEFAULT + " bins)",
          InvalidArgumentException.SQL_STATE);
    }
    double v = value.doubleValue();
    if (!(v >= 2 && v <= max && v == Math.rint(v))) {
      throw new InvalidArgumentException(function, "bins", v, "must be an integer >= 2");
    }
    set((int) v);
  }

  private void set(int b) {
    if (bins == 0) {
      bins = b;
    } else if (b != bins) {
      throw new InvalidArgumentException(function, "bins", b,
          "must be the same on every row of a group (first was " + bins + ")");
    }
  }

  void merge(BinCount other) {
    if (other.bins != 0) {
      set(other.bins);
    }
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(bins);
  }

  void read(DataInput in) throws IOException {
    int b = in.readInt();
    if (b != 0) {
      set(b);
    }
  }

  int value() {
    return bins == 0 ? DEFAULT : bins;
  }
}
