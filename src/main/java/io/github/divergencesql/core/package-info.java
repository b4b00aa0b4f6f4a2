/**
 * The math, engine-free: one final class per measure (add / merge / result, a compact state
 * codec), the registry of SQL functions ({@link io.github.divergencesql.core.DivergenceFunction})
 * and the numerics they share. No java.sql, H2, Calcite or Spark type
 * ({@code CoreIsEngineFreeTest} allows the JDK, Apache Commons Statistics, Numbers and RNG, and
 * Apache DataSketches only).
 *
 * <p>What lives here:
 * <ul>
 *   <li>pair measures over pivot rows: {@code KlDivergence}, {@code CrossEntropy},
 *       {@code HellingerDistance}, {@code Psi} (streaming, {@code StreamingPairMeasure},
 *       {@code RowBlock}), {@code JsDivergence}, {@code JsDistance},
 *       {@code TotalVariationDistance}, {@code LInfinityDistance} (buffered,
 *       {@code BufferedPairMeasure}, {@code PairBuffer}), {@code Entropy};
 *   <li>tests of homogeneity: {@code HomogeneityTest} (G and Pearson's χ², statistic and
 *       p-value);
 *   <li>keyed and smoothed forms: {@code Keyed}, {@code KeyedEntropy}, {@code CategorySums},
 *       {@code Smoothed}, {@code Smoothing};
 *   <li>two samples of raw values: {@code KsStatistic}, {@code KsPValue},
 *       {@code WassersteinDistance} ({@code TwoSampleMeasure}, {@code ValueBuffer}),
 *       {@code Binned} and {@code BinCount}, and their sketched forms ({@code SketchedSamples},
 *       {@code SketchedTwoSample}, {@code ApproxKsStatistic}, {@code ApproxKsPValue},
 *       {@code ApproxWassersteinDistance}, {@code ApproxBinned});
 *   <li>the fixed-width states Spark aggregates in ({@code FixedWidthState},
 *       {@code FixedWidthPair}, {@code FixedWidthEntropy});
 *   <li>numerics: {@code Numerics}, {@code DoubleDouble}, {@code SideTotal}, {@code Wide};
 *       the methods generated code calls, resolved once ({@code CoreMethod}).
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
