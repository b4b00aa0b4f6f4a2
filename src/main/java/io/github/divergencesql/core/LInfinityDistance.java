package io.github.divergencesql.core;

/**
 * {@code L_INFINITY_DISTANCE(p, q)}: maxᵢ |pᵢ − qᵢ|, p and q normalised within the group, in
 * [0, 1]: the largest change in any one outcome's share, the default categorical drift metric of
 * TensorFlow Data Validation, BigQuery ML and Vertex AI ("L-infinity distance").
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>Exactly 0 when every row has p = q; 1 for disjoint supports with one outcome each.
 *   <li>At most {@link TotalVariationDistance} (the largest of the differences is at most the
 *       sum of the positive ones, which is TV).
 *   <li>Buffers the rows (two primitive doubles a row), as TV does.
 * </ul>
 *
 * <p>Each |pᵢ − qᵢ| is |aᵢB − bᵢA| / (AB) with the numerator taken with one rounding from the
 * double-double totals, so the result has full relative precision however close the two
 * distributions are.
 */
public final class LInfinityDistance extends BufferedPairMeasure<LInfinityDistance> {
  static final String NAME = "L_INFINITY_DISTANCE";

  public LInfinityDistance() {
    super(NAME);
  }

  /** L∞ distance of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new LInfinityDistance(), p, q);
  }

  @Override
  public Double result() {
    if (rows.hasEmptySide()) {
      return null;
    }
    return Math.min(1.0, rows.maxOverRows((diff, ab, ba) -> Math.abs(diff)));
  }
}
