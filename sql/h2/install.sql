-- divergence-sql: register every function in an H2 database.
-- Run on a connection whose class path holds the divergence-sql jar:
--   RUNSCRIPT FROM 'sql/h2/install.sql'
-- Safe to run again (IF NOT EXISTS). The Java call
-- io.github.divergencesql.h2.H2Functions.install(connection) runs this same file from the jar.
CREATE AGGREGATE IF NOT EXISTS KL_DIVERGENCE FOR 'io.github.divergencesql.h2.H2Functions$KlDivergence';
CREATE AGGREGATE IF NOT EXISTS JS_DIVERGENCE FOR 'io.github.divergencesql.h2.H2Functions$JsDivergence';
CREATE AGGREGATE IF NOT EXISTS CROSS_ENTROPY FOR 'io.github.divergencesql.h2.H2Functions$CrossEntropy';
CREATE AGGREGATE IF NOT EXISTS ENTROPY FOR 'io.github.divergencesql.h2.H2Functions$Entropy';
CREATE AGGREGATE IF NOT EXISTS PSI FOR 'io.github.divergencesql.h2.H2Functions$Psi';
CREATE AGGREGATE IF NOT EXISTS HELLINGER_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$HellingerDistance';
CREATE AGGREGATE IF NOT EXISTS TOTAL_VARIATION_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$TotalVariationDistance';
CREATE AGGREGATE IF NOT EXISTS VAE_KL FOR 'io.github.divergencesql.h2.H2Functions$VaeKl';
CREATE AGGREGATE IF NOT EXISTS KL_DIVERGENCE_BY FOR 'io.github.divergencesql.h2.H2Functions$KlDivergenceBy';
CREATE AGGREGATE IF NOT EXISTS JS_DIVERGENCE_BY FOR 'io.github.divergencesql.h2.H2Functions$JsDivergenceBy';
CREATE AGGREGATE IF NOT EXISTS CROSS_ENTROPY_BY FOR 'io.github.divergencesql.h2.H2Functions$CrossEntropyBy';
CREATE AGGREGATE IF NOT EXISTS ENTROPY_BY FOR 'io.github.divergencesql.h2.H2Functions$EntropyBy';
CREATE AGGREGATE IF NOT EXISTS PSI_BY FOR 'io.github.divergencesql.h2.H2Functions$PsiBy';
CREATE AGGREGATE IF NOT EXISTS HELLINGER_DISTANCE_BY FOR 'io.github.divergencesql.h2.H2Functions$HellingerDistanceBy';
CREATE AGGREGATE IF NOT EXISTS TOTAL_VARIATION_DISTANCE_BY FOR 'io.github.divergencesql.h2.H2Functions$TotalVariationDistanceBy';
CREATE AGGREGATE IF NOT EXISTS KS_STATISTIC FOR 'io.github.divergencesql.h2.H2Functions$KsStatistic';
CREATE AGGREGATE IF NOT EXISTS KS_PVALUE FOR 'io.github.divergencesql.h2.H2Functions$KsPValue';
CREATE AGGREGATE IF NOT EXISTS WASSERSTEIN_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$WassersteinDistance';
CREATE AGGREGATE IF NOT EXISTS KL_DIVERGENCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$KlDivergenceBinned';
CREATE AGGREGATE IF NOT EXISTS PSI_BINNED FOR 'io.github.divergencesql.h2.H2Functions$PsiBinned';
CREATE AGGREGATE IF NOT EXISTS JS_DIVERGENCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$JsDivergenceBinned';
CREATE AGGREGATE IF NOT EXISTS HELLINGER_DISTANCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$HellingerDistanceBinned';
CREATE AGGREGATE IF NOT EXISTS TOTAL_VARIATION_DISTANCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$TotalVariationDistanceBinned';
CREATE AGGREGATE IF NOT EXISTS APPROX_KS_STATISTIC FOR 'io.github.divergencesql.h2.H2Functions$ApproxKsStatistic';
CREATE AGGREGATE IF NOT EXISTS APPROX_KS_PVALUE FOR 'io.github.divergencesql.h2.H2Functions$ApproxKsPValue';
CREATE AGGREGATE IF NOT EXISTS APPROX_WASSERSTEIN_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$ApproxWassersteinDistance';
CREATE AGGREGATE IF NOT EXISTS APPROX_KL_DIVERGENCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$ApproxKlDivergenceBinned';
CREATE AGGREGATE IF NOT EXISTS APPROX_PSI_BINNED FOR 'io.github.divergencesql.h2.H2Functions$ApproxPsiBinned';
CREATE AGGREGATE IF NOT EXISTS APPROX_JS_DIVERGENCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$ApproxJsDivergenceBinned';
CREATE AGGREGATE IF NOT EXISTS APPROX_HELLINGER_DISTANCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$ApproxHellingerDistanceBinned';
CREATE AGGREGATE IF NOT EXISTS APPROX_TOTAL_VARIATION_DISTANCE_BINNED FOR 'io.github.divergencesql.h2.H2Functions$ApproxTotalVariationDistanceBinned';
CREATE AGGREGATE IF NOT EXISTS G_TEST_STATISTIC FOR 'io.github.divergencesql.h2.H2Functions$GTestStatistic';
CREATE AGGREGATE IF NOT EXISTS G_TEST_PVALUE FOR 'io.github.divergencesql.h2.H2Functions$GTestPValue';
CREATE AGGREGATE IF NOT EXISTS CHI_SQUARE_STATISTIC FOR 'io.github.divergencesql.h2.H2Functions$ChiSquareStatistic';
CREATE AGGREGATE IF NOT EXISTS CHI_SQUARE_PVALUE FOR 'io.github.divergencesql.h2.H2Functions$ChiSquarePValue';
CREATE AGGREGATE IF NOT EXISTS L_INFINITY_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$LInfinityDistance';
CREATE AGGREGATE IF NOT EXISTS JS_DISTANCE FOR 'io.github.divergencesql.h2.H2Functions$JsDistance';
CREATE AGGREGATE IF NOT EXISTS G_TEST_STATISTIC_BY FOR 'io.github.divergencesql.h2.H2Functions$GTestStatisticBy';
CREATE AGGREGATE IF NOT EXISTS G_TEST_PVALUE_BY FOR 'io.github.divergencesql.h2.H2Functions$GTestPValueBy';
CREATE AGGREGATE IF NOT EXISTS CHI_SQUARE_STATISTIC_BY FOR 'io.github.divergencesql.h2.H2Functions$ChiSquareStatisticBy';
CREATE AGGREGATE IF NOT EXISTS CHI_SQUARE_PVALUE_BY FOR 'io.github.divergencesql.h2.H2Functions$ChiSquarePValueBy';
CREATE AGGREGATE IF NOT EXISTS L_INFINITY_DISTANCE_BY FOR 'io.github.divergencesql.h2.H2Functions$LInfinityDistanceBy';
CREATE AGGREGATE IF NOT EXISTS JS_DISTANCE_BY FOR 'io.github.divergencesql.h2.H2Functions$JsDistanceBy';
CREATE AGGREGATE IF NOT EXISTS MUTUAL_INFORMATION FOR 'io.github.divergencesql.h2.H2Functions$MutualInformation';
CREATE AGGREGATE IF NOT EXISTS THEILS_U FOR 'io.github.divergencesql.h2.H2Functions$TheilsU';
CREATE AGGREGATE IF NOT EXISTS CRAMERS_V FOR 'io.github.divergencesql.h2.H2Functions$CramersV';
CREATE AGGREGATE IF NOT EXISTS CRAMERS_V_BIAS_CORRECTED FOR 'io.github.divergencesql.h2.H2Functions$CramersVBiasCorrected';
CREATE AGGREGATE IF NOT EXISTS CONTINGENCY_COEFFICIENT FOR 'io.github.divergencesql.h2.H2Functions$ContingencyCoefficient';
CREATE ALIAS IF NOT EXISTS GAUSSIAN_KL DETERMINISTIC FOR 'io.github.divergencesql.h2.H2Functions.gaussianKl';
