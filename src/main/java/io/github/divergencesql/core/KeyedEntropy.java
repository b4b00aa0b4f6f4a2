package io.github.divergencesql.core;

import static io.github.divergencesql.core.InvalidArgumentException.weight;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * {@code ENTROPY_BY(key, w)}: the entropy of the distribution whose outcomes are the distinct
 * keys, each weighted by the sum of its rows' w. {@code ENTROPY_BY(x, 1)} is the entropy of the
 * raw values x (DuckDB's and ClickHouse's {@code entropy(x)}); {@link Entropy} is the entropy of
 * a column of counts (Trino's). NULL weights are ignored; NULL keys form one category.
 */
public final class KeyedEntropy implements Accumulator<KeyedEntropy> {
  static final String NAME = "ENTROPY_BY";

  private final CategorySums sums = new CategorySums(NAME);

  /** One row as the engine delivers it ({@code null} = SQL NULL). */
  public void addNullable(Object key, Number w) {
    if (w != null) {
      sums.add(SqlKeys.sqlKey(key), weight(NAME, "w", w.doubleValue()), 0);
    }
  }

  /** A row {@code (key, w)}. */
  @Override
  public void addRow(Object[] row) {
    addNullable(row[0], (Number) row[1]);
  }

  @Override
  public KeyedEntropy merge(KeyedEntropy other) {
    sums.addAll(other.sums);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    sums.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    sums.read(in);
  }

  @Override
  public Double result() {
    Entropy h = new Entropy();
    sums.forEach(0, (ph, pl, qh, ql) -> h.addParts(ph, pl));
    return h.result();
  }
}
