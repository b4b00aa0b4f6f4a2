package io.github.divergencesql.core.twosample;

import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state of a two-sample function {@code NAME(x, y)} over numeric values: {@code x} holds
 * the reference sample, {@code y} the current one, in the pivot convention of the discrete
 * functions. A row adds each non-NULL argument to its side (a row with both NULL adds nothing);
 * a NaN or infinite value is an error (SQLState 22023); {@link #result} is NULL while either side
 * has no value. The values are kept (8 bytes each, {@link ValueBuffer}) and sorted at the end.
 *
 * @param <A> the concrete measure
 */
public abstract class TwoSampleMeasure<A extends TwoSampleMeasure<A>>
    implements BinaryAccumulator<A> {
  final String function;
  final ValueBuffer x = new ValueBuffer();
  final ValueBuffer y = new ValueBuffer();

  TwoSampleMeasure(String function) {
    this.function = function;
  }

  @Override
  public void add(double xv, double yv) {
    addX(xv);
    addY(yv);
  }

  @Override
  public void addNullable(Number xv, Number yv) {
    if (xv != null) {
      addX(xv.doubleValue());
    }
    if (yv != null) {
      addY(yv.doubleValue());
    }
  }

  private void addX(double v) {
    x.add(function, InvalidArgumentException.finite(function, "x", v));
  }

  private void addY(double v) {
    y.add(function, InvalidArgumentException.finite(function, "y", v));
  }

  @Override
  @SuppressWarnings("unchecked")
  public A merge(A other) {
    x.addAll(function, other.x);
    y.addAll(function, other.y);
    return (A) this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    x.write(out);
    y.write(out);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    x.read(function, in);
    y.read(function, in);
  }

  @Override
  public Double result() {
    if (x.size() == 0 || y.size() == 0) {
      return null;
    }
    try {
      return of(x.sorted(), y.sorted());
    } catch (OutOfMemoryError e) { // the sorted copies (and the test's own) did not fit
      throw new InvalidArgumentException(function, "values", "need more memory than the JVM "
          + "has to sort " + x.size() + " + " + y.size() + " values (this function sorts a "
          + "copy of its values); give the JVM more heap (-Xmx) or use the APPROX_ form",
          InvalidArgumentException.SQL_STATE);
    }
  }

  /** The measure of two non-empty sorted samples; null where it is undefined (SQL NULL). */
  abstract Double of(double[] xs, double[] ys);
}
