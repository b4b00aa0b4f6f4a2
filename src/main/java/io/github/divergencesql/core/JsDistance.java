package io.github.divergencesql.core;

/**
 * {@code JS_DISTANCE(p, q)}: the Jensen–Shannon distance √(JS / ln 2), in [0, 1], where JS is
 * {@link JsDivergence} in nats: the number Evidently, NannyML, Databricks and
 * {@code scipy.spatial.distance.jensenshannon(p, q, base=2)} report (a metric: it satisfies the
 * triangle inequality, the divergence does not).
 *
 * <ul>
 *   <li>NULL for no rows, or when either side's total weight is 0.
 *   <li>Exactly 0 when every row has p = q; 1 for disjoint supports.
 *   <li>Buffers the rows, as JS_DIVERGENCE does.
 * </ul>
 *
 * <p>The square root halves the divergence's relative error, so the distance keeps full
 * precision for nearly equal distributions, where scipy's {@code jensenshannon} (a sum of
 * p·ln(p/m) terms) returns rounding noise of order 1e-8.
 */
public final class JsDistance extends BufferedPairMeasure<JsDistance> {
  private static final double LN2 = Math.log(2);

  public JsDistance() {
    super("JS_DISTANCE");
  }

  /** JS distance of two weight vectors. */
  public static Double of(double[] p, double[] q) {
    return PairMeasure.of(new JsDistance(), p, q);
  }

  @Override
  public Double result() {
    if (rows.hasEmptySide()) {
      return null;
    }
    return Math.min(1.0, Math.sqrt(JsDivergence.of(rows) / LN2));
  }
}
