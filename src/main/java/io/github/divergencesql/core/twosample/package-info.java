/**
 * Two samples of raw values {@code (x, y)}, each non-NULL argument added to its side: the
 * Kolmogorov–Smirnov statistic and p-value ({@code KsStatistic}, {@code KsPValue}), the
 * Wasserstein distance ({@code WassersteinDistance}), all over {@code TwoSampleMeasure}'s
 * {@code ValueBuffer} of the values themselves (8 bytes each, under the memory guard); the
 * binned forms, which bin both samples at the reference sample's quantiles and hand the counts to
 * a pair measure of {@code core} ({@code Binned}, {@code BinCount}); and their constant-memory
 * forms over Apache DataSketches' KLL sketches ({@code SketchedSamples},
 * {@code SketchedTwoSample}, {@code ApproxKsStatistic}, {@code ApproxKsPValue},
 * {@code ApproxWassersteinDistance}, {@code ApproxBinned}, and {@code ApproxKsDrift}, the
 * DataSketches decision); {@code BinOptions} and {@code BinnedForm} are what the binned forms
 * share. The tests scipy has for two samples of values: {@code MannWhitneyU}, {@code WelchT}
 * (constant memory), {@code AndersonDarling}, {@code CramerVonMises}, {@code EnergyDistance},
 * each one pass over the two sorted samples ({@code PooledValues}). Depends on {@code core}
 * only.
 *
 * <p>Thread safety: an accumulator is one group's state and is not thread-safe; engines give
 * each group its own and combine them with {@code merge}. {@code BinCount} and the static
 * functions are stateless and thread-safe.
 *
 * <p>References: scipy's {@code ks_2samp}, {@code wasserstein_distance} (scipy 1.10 and 1.17,
 * exact for these) and its two-sample tests ({@code two_sample_tests.py}, scipy 1.17.1);
 * mpmath at 60 digits for the binned measures and for Kolmogorov's limiting distribution ({@code src/test/resources/reference/numeric_drift.py}); the sketched
 * forms are checked against the exact ones within the sketch's documented rank error.
 */
package io.github.divergencesql.core.twosample;
