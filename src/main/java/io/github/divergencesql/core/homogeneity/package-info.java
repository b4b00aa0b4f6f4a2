/**
 * Tests of homogeneity of two samples of counts over the same categories: the G-test
 * (likelihood ratio, 2·N·JS in nats) and Pearson's χ², statistic and p-value
 * ({@code HomogeneityTest}), as {@code scipy.stats.chi2_contingency} on the 2 × k table. The
 * counts are the data, so there is no smoothing; rows are buffered ({@code core}'s
 * {@code BufferedPairMeasure}) because every term needs both final totals. Depends on
 * {@code core} only.
 *
 * <p>Thread safety: an accumulator is one group's state and is not thread-safe; the factory
 * methods are stateless and thread-safe.
 *
 * <p>References: mpmath at 80 digits ({@code src/test/resources/reference/homogeneity.py}),
 * with scipy 1.17's {@code chi2_contingency} where it is exact; the p-values from Apache Commons
 * Statistics' χ² distribution.
 */
package io.github.divergencesql.core.homogeneity;
