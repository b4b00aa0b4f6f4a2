package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
/**
 * A two-sided measure with additive smoothing, the SQL form {@code NAME(p, q, alpha)}: every
 * outcome (row) gets α added to both weights before normalisation, so zero bins no longer make
 * KL or PSI infinite. The pivot NULL rule comes first: a NULL side is a 0 that is then smoothed;
 * a row with both sides NULL is no outcome and is not smoothed. Memory as the measure's own.
 *
 * @param <M> the smoothed measure
 */
public final class Smoothed<M extends PairMeasure<M>> implements Accumulator<Smoothed<M>> {
  private final String function;
  private final M measure;
  private final Smoothing alpha;

  public Smoothed(String function, M measure) {
    this.function = function;
    this.measure = measure;
    this.alpha = new Smoothing(function);
  }

  /** One row as the engine delivers it ({@code null} = SQL NULL). */
  public void addNullable(Number p, Number q, Number alpha) {
    if (!PairMeasure.isOutcome(p, q)) {
      return;
    }
    double a = this.alpha.accept(alpha);
    double pw = PairMeasure.mass(function, "p", p);
    double qw = PairMeasure.mass(function, "q", q);
    // (w + α) exactly, as hi + lo
    double ph = pw + a;
    double qh = qw + a;
    measure.addParts(ph, Numerics.twoSumError(pw, a, ph), qh, Numerics.twoSumError(qw, a, qh));
  }

  /** A row {@code (p, q, alpha)}. */
  @Override
  public void addRow(Object[] row) {
    addNullable((Number) row[0], (Number) row[1], (Number) row[2]);
  }

  @Override
  public Smoothed<M> merge(Smoothed<M> other) {
    alpha.merge(other.alpha);
    measure.merge(other.measure);
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    alpha.write(out);
    measure.writeState(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    alpha.read(in);
    measure.readState(in);
  }

  @Override
  public Double result() {
    return measure.result();
  }
}
