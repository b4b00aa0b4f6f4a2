/**
 * The math, engine-free, and the base every measure shares: one final class per measure over
 * pivot rows (add / merge / result, a compact state codec), the accumulator interfaces, the
 * errors ({@code InvalidArgumentException}) and the numerics. No java.sql, H2, Calcite or Spark
 * type ({@code CoreIsEngineFreeTest} allows the JDK, Apache Commons Statistics, Numbers and RNG,
 * and Apache DataSketches only), and nothing from the rooms above it: {@code core.twosample}
 * (raw values, binned and sketched, and the two-sample tests), {@code core.homogeneity} (G and
 * χ²), {@code core.association} (two categorical columns) and {@code core.registry}
 * (the SQL functions) depend on this package, never the reverse (a cycle fails
 * {@code CoreIsEngineFreeTest}).
 *
 * <p>What lives here:
 * <ul>
 *   <li>the accumulator API: {@code Accumulator}, {@code UnaryAccumulator},
 *       {@code BinaryAccumulator}, {@code PairMeasure}, {@code InvalidArgumentException};
 *   <li>pair measures over pivot rows: {@code KlDivergence}, {@code CrossEntropy},
 *       {@code HellingerDistance}, {@code Psi} (streaming, {@code StreamingPairMeasure},
 *       {@code RowBlock}), {@code JsDivergence}, {@code JsDistance},
 *       {@code TotalVariationDistance}, {@code LInfinityDistance} (buffered,
 *       {@code BufferedPairMeasure}, {@code PairBuffer}), {@code Entropy}; {@code VaeKl} and
 *       {@code GaussianKl} for normal distributions;
 *   <li>keyed and smoothed forms: {@code Keyed}, {@code KeyedEntropy}, {@code CategorySums},
 *       {@code Smoothed}, {@code Smoothing}; keys as SQL compares them, and their codec,
 *       {@code SqlKeys};
 *   <li>the fixed-width states Spark aggregates in ({@code FixedWidthState},
 *       {@code FixedWidthPair}, {@code FixedWidthEntropy}), which call each measure's own row
 *       term;
 *   <li>numerics: {@code Numerics}, {@code DoubleDouble}, {@code SideTotal}, {@code Wide}.
 * </ul>
 *
 * <p>Thread safety: an accumulator is one group's state and is not thread-safe; engines give
 * each group its own and combine them with {@code merge}. The static functions and the enums
 * are stateless and thread-safe.
 *
 * <p>References: every measure's tests compare with values computed independently: mpmath at
 * 50 to several hundred digits (fed the exact binary value of each double), scipy 1.17 where it
 * is exact, or values derived by hand; the scripts are in {@code src/test/resources/reference}
 * and each test names its source.
 */
package io.github.divergencesql.core;
