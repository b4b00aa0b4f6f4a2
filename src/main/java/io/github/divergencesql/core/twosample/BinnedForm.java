package io.github.divergencesql.core.twosample;

/**
 * The rows of a binned form, {@code (x, y [, bins [, alpha]])}, whatever keeps its samples
 * ({@link Binned}: the values; {@link ApproxBinned}: sketches): the options are checked by
 * {@link BinOptions}, the values go to the samples. Public because generated code (Calcite's)
 * calls the option overloads through it.
 */
public interface BinnedForm {
  BinOptions options();

  /** One row with the default options (or the options of earlier rows). */
  void addNullable(Number xv, Number yv);

  /** One row with the bin count given. */
  default void addNullable(Number xv, Number yv, Number binCount) {
    options().accept(xv, yv, binCount);
    addNullable(xv, yv);
  }

  /** One row with the bin count and α given. */
  default void addNullable(Number xv, Number yv, Number binCount, Number a) {
    options().accept(xv, yv, binCount, a);
    addNullable(xv, yv);
  }

  /** A row {@code (x, y [, bins [, alpha]])}. */
  default void addBinnedRow(Object[] row) {
    switch (row.length) {
      case 2 -> addNullable((Number) row[0], (Number) row[1]);
      case 3 -> addNullable((Number) row[0], (Number) row[1], (Number) row[2]);
      default -> addNullable((Number) row[0], (Number) row[1], (Number) row[2],
          (Number) row[3]);
    }
  }
}
