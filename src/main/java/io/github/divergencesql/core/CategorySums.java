package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-category weight sums for the keyed forms: rows with equal keys are one outcome. Keys are
 * compared as SQL compares them (numbers by value, so DECIMAL 1.0 = 1.00 and -0.0 = 0.0; binary
 * strings by content; NULL keys form one category, as in GROUP BY). Sums are double-double, in
 * primitive arrays: memory grows with distinct keys (about 32 bytes plus a hash entry each), not
 * with rows.
 */
final class CategorySums {
  /**
   * What one key costs, about: four doubles (32 bytes), a hash-map node and table slot (about
   * 48), a boxed or string key (16 to 56), and the arrays' growth by half.
   */
  static final int BYTES_PER_KEY = 160;

  private final String function;
  /** The most distinct keys this group may hold. */
  private final long maxKeys;
  private final Map<Object, Integer> index = new HashMap<>();
  private double[] ph = new double[8];
  private double[] pl = new double[8];
  private double[] qh = new double[8];
  private double[] ql = new double[8];
  private int n;

  CategorySums(String function) {
    this.function = function;
    this.maxKeys = SqlKeys.maxKeys(BYTES_PER_KEY);
  }

  private int slot(Object key) {
    Integer i = index.get(key);
    if (i != null) {
      return i;
    }
    if (n >= maxKeys) {
      throw tooMany("exceed the limit of " + maxKeys + " distinct keys in one group (the keyed "
          + "forms keep one entry per key, about " + BYTES_PER_KEY + " bytes; set the system "
          + "property " + SqlKeys.MAX_KEYS_PROPERTY + " or give the JVM more heap (-Xmx))");
    }
    try {
      if (n == ph.length) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16, n + (long) (n >> 1));
        ph = Arrays.copyOf(ph, capacity);
        pl = Arrays.copyOf(pl, capacity);
        qh = Arrays.copyOf(qh, capacity);
        ql = Arrays.copyOf(ql, capacity);
      }
      index.put(key, n);
    } catch (OutOfMemoryError e) {
      // the allocation that failed is ours; the exception releases the whole group's state
      throw tooMany("need more memory than the JVM has: " + n + " distinct keys in one group "
          + "(about " + ((long) n * BYTES_PER_KEY >> 20) + " MiB); give the JVM more heap (-Xmx) "
          + "or aggregate fewer keys per group");
    }
    return n++;
  }

  private InvalidArgumentException tooMany(String problem) {
    return new InvalidArgumentException(function, "keys", problem,
        InvalidArgumentException.SQL_STATE);
  }

  /** Adds checked weights to the category of {@code key} (already an {@link SqlKeys#sqlKey}). */
  void add(Object key, double p, double q) {
    addParts(key, p, 0, q, 0);
  }

  void addParts(Object key, double xh, double xl, double yh, double yl) {
    int i = slot(key);
    double s = ph[i] + xh;
    pl[i] += Numerics.twoSumError(ph[i], xh, s) + xl;
    ph[i] = s;
    s = qh[i] + yh;
    ql[i] += Numerics.twoSumError(qh[i], yh, s) + yl;
    qh[i] = s;
    InvalidArgumentException.keySum(function, "p", ph[i]);
    InvalidArgumentException.keySum(function, "q", qh[i]);
  }

  void addAll(CategorySums other) {
    for (Map.Entry<Object, Integer> e : other.index.entrySet()) {
      int j = e.getValue();
      addParts(e.getKey(), other.ph[j], other.pl[j], other.qh[j], other.ql[j]);
    }
  }

  /**
   * Writes the categories in first-seen order: count, then each key (a type tag and its value,
   * so a key read back equals the key it was: strings, numbers, booleans, byte strings, NULL)
   * and its four sums.
   */
  void write(DataOutput out) throws IOException {
    Object[] keys = new Object[n];
    index.forEach((key, i) -> keys[i] = key);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      SqlKeys.write(out, keys[i]);
      out.writeDouble(ph[i]);
      out.writeDouble(pl[i]);
      out.writeDouble(qh[i]);
      out.writeDouble(ql[i]);
    }
  }

  /** Adds the categories written by {@link #write}. */
  void read(DataInput in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      Object key = SqlKeys.read(in);
      addParts(key, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    }
  }

  /** Receives one category's sums, each as an unevaluated pair hi + lo. */
  interface Visitor {
    void category(double ph, double pl, double qh, double ql);
  }

  /** Visits the categories in first-seen order, with {@code alpha} added to both sides of each. */
  void forEach(double alpha, Visitor visitor) {
    for (int i = 0; i < n; i++) {
      double sp = ph[i] + alpha;
      double sq = qh[i] + alpha;
      visitor.category(sp, Numerics.twoSumError(ph[i], alpha, sp) + pl[i],
          sq, Numerics.twoSumError(qh[i], alpha, sq) + ql[i]);
    }
  }
}
