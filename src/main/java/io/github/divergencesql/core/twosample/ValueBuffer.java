package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.PairBuffer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One side's values of a two-sample function, kept in a growing primitive array (8 bytes a
 * value) and sorted when the result is read. A group that needs more values than
 * {@link #MAX_VALUES} or more memory than the JVM has fails with an
 * {@link InvalidArgumentException} naming the limit, not with an OutOfMemoryError: the
 * allocation that fails is the new, larger array, and the exception releases the group's state.
 */
final class ValueBuffer {
  /** System property: the most values one side of a group may keep (default 2^30). */
  static final String MAX_VALUES_PROPERTY = "divergence.maxBufferedValues";
  static final int MAX_VALUES = Integer.getInteger(MAX_VALUES_PROPERTY, 1 << 30);

  private double[] values = new double[8];
  private int n;

  int size() {
    return n;
  }

  void add(String function, double v) {
    if (n == values.length) {
      grow(function);
    }
    values[n++] = v;
  }

  private void grow(String function) {
    if (n >= MAX_VALUES) {
      throw new InvalidArgumentException(function, "values", "exceed the limit of " + MAX_VALUES
          + " values on one side of a group (this function keeps its values; set the system "
          + "property " + MAX_VALUES_PROPERTY + " to change the limit, or use the APPROX_ form)",
          InvalidArgumentException.SQL_STATE);
    }
    int capacity = (int) Math.min(MAX_VALUES, Math.max(8L, n + (n >> 1)));
    try {
      values = Arrays.copyOf(values, capacity);
    } catch (OutOfMemoryError e) {
      throw new InvalidArgumentException(function, "values", "need more memory than the JVM "
          + "has: " + n + " values on one side of a group are kept (" + (8L * n >> 20)
          + " MiB; this function keeps its values, 8 bytes each); give the JVM more heap (-Xmx)"
          + " or use the APPROX_ form, which keeps constant memory",
          InvalidArgumentException.SQL_STATE);
    }
  }

  void addAll(String function, ValueBuffer other) {
    for (int i = 0; i < other.n; i++) {
      add(function, other.values[i]);
    }
  }

  /** The values, sorted, in a new array. */
  double[] sorted() {
    double[] s = Arrays.copyOf(values, n);
    Arrays.sort(s);
    return s;
  }

  /** Writes the count, then the values (8 bytes each). */
  void write(DataOutput out) throws IOException {
    if (8L * n > PairBuffer.MAX_STATE_BYTES) {
      throw new IOException(n + " values do not fit one state of at most "
          + PairBuffer.MAX_STATE_BYTES + " bytes (use the APPROX_ form, whose state is constant)");
    }
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeDouble(values[i]);
    }
  }

  void read(String function, DataInput in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative value count " + count);
    }
    for (int i = 0; i < count; i++) {
      add(function, in.readDouble());
    }
  }
}
