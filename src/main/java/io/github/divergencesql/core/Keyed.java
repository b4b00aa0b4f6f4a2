package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The keyed form of a two-sided measure, {@code NAME_BY(key, p, q [, alpha])}: rows with equal
 * keys are summed into one outcome before the measure is taken, so a long table (one row per
 * category and arm, or per event) needs no pivot:
 * {@code KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)}.
 *
 * <p>Same rules as the plain form: a NULL weight is zero mass, a row with both weights NULL is
 * ignored (it creates no category), bad weights are errors. NULL keys form one category. With
 * α, each category's sums get α added on both sides. Memory grows with distinct keys.
 *
 * @param <M> the measure taken over the categories
 */
public final class Keyed<M extends PairMeasure<M>> implements Accumulator<Keyed<M>> {
  private final String function;
  private final Supplier<M> measure;
  private final CategorySums sums;
  private final Smoothing alpha;

  public Keyed(String function, Supplier<M> measure) {
    this.function = function;
    this.measure = measure;
    this.alpha = new Smoothing(function);
    this.sums = new CategorySums(function);
  }

  /** One row as the engine delivers it ({@code null} = SQL NULL). */
  public void addNullable(Object key, Number p, Number q) {
    if (PairMeasure.isOutcome(p, q)) {
      sums.add(SqlKeys.sqlKey(key), PairMeasure.mass(function, "p", p),
          PairMeasure.mass(function, "q", q));
    }
  }

  /** One row of the smoothed form. */
  public void addNullable(Object key, Number p, Number q, Number alpha) {
    if (PairMeasure.isOutcome(p, q)) {
      this.alpha.accept(alpha);
      addNullable(key, p, q);
    }
  }

  /** A row {@code (key, p, q [, alpha])}. */
  @Override
  public void addRow(Object[] row) {
    if (row.length == 3) {
      addNullable(row[0], (Number) row[1], (Number) row[2]);
    } else {
      addNullable(row[0], (Number) row[1], (Number) row[2], (Number) row[3]);
    }
  }

  @Override
  public Keyed<M> merge(Keyed<M> other) {
    alpha.merge(other.alpha);
    sums.addAll(other.sums);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    alpha.write(out);
    sums.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    alpha.read(in);
    sums.read(in);
  }

  @Override
  public Double result() {
    M m = measure.get();
    sums.forEach(alpha.value(), m::addParts);
    return m.result();
  }
}
