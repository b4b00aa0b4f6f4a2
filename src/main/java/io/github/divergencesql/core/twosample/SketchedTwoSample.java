package io.github.divergencesql.core.twosample;

/**
 * The APPROX_ two-sample statistics, {@code NAME(x, y [, k])}: {@link SketchedSamples} with the
 * sketch size as the optional third argument.
 *
 * @param <A> the concrete measure
 */
public abstract class SketchedTwoSample<A extends SketchedTwoSample<A>>
    extends SketchedSamples<A> {
  SketchedTwoSample(String function) {
    super(function);
  }

  /** A row {@code (x, y [, k])}. */
  @Override
  public void addRow(Object[] row) {
    if (row.length == 2) {
      addNullable((Number) row[0], (Number) row[1]);
    } else {
      addNullable((Number) row[0], (Number) row[1], (Number) row[2]);
    }
  }

  /** One row with k given. */
  public void addNullable(Number xv, Number yv, Number k) {
    acceptK(xv, yv, k);
    addNullable(xv, yv);
  }
}
