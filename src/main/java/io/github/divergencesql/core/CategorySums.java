package io.github.divergencesql.core;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
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
  private final String function;
  private final Map<Object, Integer> index = new HashMap<>();
  private double[] ph = new double[8];
  private double[] pl = new double[8];
  private double[] qh = new double[8];
  private double[] ql = new double[8];
  private int n;

  CategorySums(String function) {
    this.function = function;
  }

  /** The category key as SQL equality sees it. */
  static Object sqlKey(Object key) {
    if (key instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (key instanceof Double d) {
      return d == 0 ? 0.0 : d; // -0.0 = 0.0
    }
    if (key instanceof Float f) {
      return f == 0 ? 0.0f : f;
    }
    if (key instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    return key;
  }

  private int slot(Object key) {
    Integer i = index.get(key);
    if (i != null) {
      return i;
    }
    if (n == ph.length) {
      int capacity = n + (n >> 1);
      ph = Arrays.copyOf(ph, capacity);
      pl = Arrays.copyOf(pl, capacity);
      qh = Arrays.copyOf(qh, capacity);
      ql = Arrays.copyOf(ql, capacity);
    }
    index.put(key, n);
    return n++;
  }

  /** Adds checked weights to the category of {@code key} (already an {@link #sqlKey}). */
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
