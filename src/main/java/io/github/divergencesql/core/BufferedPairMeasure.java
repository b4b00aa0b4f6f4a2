package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state of the two-sided measures whose every term depends on both final totals
 * ({@link JsDivergence}, {@link TotalVariationDistance}): the rows with weight, kept in a
 * {@link PairBuffer}. It owns adding, merging and the state codec; a measure supplies only its
 * result over the buffered rows.
 *
 * @param <M> the concrete measure
 */
public abstract class BufferedPairMeasure<M extends BufferedPairMeasure<M>>
    implements PairMeasure<M> {
  private final String name;
  protected final PairBuffer rows = new PairBuffer();

  protected BufferedPairMeasure(String name) {
    this.name = name;
  }

  @Override
  public final void add(double p, double q) {
    rows.add(name, InvalidArgumentException.weight(name, "p", p), 0,
        InvalidArgumentException.weight(name, "q", q), 0);
  }

  @Override
  public final void addParts(double ph, double pl, double qh, double ql) {
    rows.add(name, ph, pl, qh, ql);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final M merge(M other) {
    rows.addAll(name, other.rows);
    return (M) this;
  }

  @Override
  public final void writeState(DataOutput out) throws IOException {
    rows.write(out);
  }

  @Override
  public final void readState(DataInput in) throws IOException {
    rows.read(name, in);
  }
}
