package io.github.divergencesql.h2;

import io.github.divergencesql.core.CrossEntropy;
import io.github.divergencesql.core.Entropy;
import io.github.divergencesql.core.GaussianKl;
import io.github.divergencesql.core.HellingerDistance;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.JsDistance;
import io.github.divergencesql.core.JsDivergence;
import io.github.divergencesql.core.KlDivergence;
import io.github.divergencesql.core.LInfinityDistance;
import io.github.divergencesql.core.Psi;
import io.github.divergencesql.core.TotalVariationDistance;
import io.github.divergencesql.core.VaeKl;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.twosample.ApproxKsPValue;
import io.github.divergencesql.core.twosample.ApproxKsStatistic;
import io.github.divergencesql.core.twosample.ApproxWassersteinDistance;
import io.github.divergencesql.core.twosample.KsPValue;
import io.github.divergencesql.core.twosample.KsStatistic;
import io.github.divergencesql.core.twosample.WassersteinDistance;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The functions of divergence-sql in H2: {@link #install(Connection)} registers them all (it
 * runs {@code sql/h2/install.sql} from the jar, the same script users run with
 * {@code RUNSCRIPT}); the nested classes are what that script names.
 *
 * <p>Errors: a bad value raises an {@link SQLException} with SQLState
 * {@value InvalidArgumentException#SQL_STATE} (invalid parameter value) and the core's
 * message, which names the function, the argument and the value; when the query is compiled, a
 * non-numeric argument raises SQLState {@value #WRONG_TYPE} and a wrong argument count
 * {@value InvalidArgumentException#SQL_STATE}.
 */
public final class H2Functions {
  /** SQLState 22018, "invalid character value for cast": an argument that is not a number. */
  public static final String WRONG_TYPE = InvalidArgumentException.WRONG_TYPE;

  /** Where the install script lives on the class path. */
  public static final String INSTALL_SCRIPT = "classpath:/sql/h2/install.sql";

  private H2Functions() {}

  /** Registers every function on this connection's database; safe to call again. */
  public static void install(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + INSTALL_SCRIPT + "'");
    }
  }

  /** {@code GAUSSIAN_KL(mu1, sigma1, mu2, sigma2)}, registered with {@code CREATE ALIAS}. */
  public static Double gaussianKl(Double mu1, Double sigma1, Double mu2, Double sigma2)
      throws SQLException {
    try {
      return GaussianKl.ofNullable(mu1, sigma1, mu2, sigma2);
    } catch (InvalidArgumentException e) {
      throw H2Aggregate.sqlException(e);
    }
  }

  // One class per aggregate, as CREATE AGGREGATE names a class: each is its function's name in
  // CamelCase over H2Aggregate, nothing else (RegistrationListsTest checks the list).

  public static final class KlDivergence extends H2Aggregate {
    public KlDivergence() {
      super(DivergenceFunction.KL_DIVERGENCE);
    }
  }

  public static final class JsDivergence extends H2Aggregate {
    public JsDivergence() {
      super(DivergenceFunction.JS_DIVERGENCE);
    }
  }

  public static final class CrossEntropy extends H2Aggregate {
    public CrossEntropy() {
      super(DivergenceFunction.CROSS_ENTROPY);
    }
  }

  public static final class Entropy extends H2Aggregate {
    public Entropy() {
      super(DivergenceFunction.ENTROPY);
    }
  }

  public static final class Psi extends H2Aggregate {
    public Psi() {
      super(DivergenceFunction.PSI);
    }
  }

  public static final class HellingerDistance extends H2Aggregate {
    public HellingerDistance() {
      super(DivergenceFunction.HELLINGER_DISTANCE);
    }
  }

  public static final class TotalVariationDistance extends H2Aggregate {
    public TotalVariationDistance() {
      super(DivergenceFunction.TOTAL_VARIATION_DISTANCE);
    }
  }

  public static final class VaeKl extends H2Aggregate {
    public VaeKl() {
      super(DivergenceFunction.VAE_KL);
    }
  }

  public static final class KlDivergenceBy extends H2Aggregate {
    public KlDivergenceBy() {
      super(DivergenceFunction.KL_DIVERGENCE_BY);
    }
  }

  public static final class JsDivergenceBy extends H2Aggregate {
    public JsDivergenceBy() {
      super(DivergenceFunction.JS_DIVERGENCE_BY);
    }
  }

  public static final class CrossEntropyBy extends H2Aggregate {
    public CrossEntropyBy() {
      super(DivergenceFunction.CROSS_ENTROPY_BY);
    }
  }

  public static final class EntropyBy extends H2Aggregate {
    public EntropyBy() {
      super(DivergenceFunction.ENTROPY_BY);
    }
  }

  public static final class PsiBy extends H2Aggregate {
    public PsiBy() {
      super(DivergenceFunction.PSI_BY);
    }
  }

  public static final class HellingerDistanceBy extends H2Aggregate {
    public HellingerDistanceBy() {
      super(DivergenceFunction.HELLINGER_DISTANCE_BY);
    }
  }

  public static final class TotalVariationDistanceBy extends H2Aggregate {
    public TotalVariationDistanceBy() {
      super(DivergenceFunction.TOTAL_VARIATION_DISTANCE_BY);
    }
  }

  public static final class KsStatistic extends H2Aggregate {
    public KsStatistic() {
      super(DivergenceFunction.KS_STATISTIC);
    }
  }

  public static final class KsPValue extends H2Aggregate {
    public KsPValue() {
      super(DivergenceFunction.KS_PVALUE);
    }
  }

  public static final class WassersteinDistance extends H2Aggregate {
    public WassersteinDistance() {
      super(DivergenceFunction.WASSERSTEIN_DISTANCE);
    }
  }

  public static final class KlDivergenceBinned extends H2Aggregate {
    public KlDivergenceBinned() {
      super(DivergenceFunction.KL_DIVERGENCE_BINNED);
    }
  }

  public static final class PsiBinned extends H2Aggregate {
    public PsiBinned() {
      super(DivergenceFunction.PSI_BINNED);
    }
  }

  public static final class JsDivergenceBinned extends H2Aggregate {
    public JsDivergenceBinned() {
      super(DivergenceFunction.JS_DIVERGENCE_BINNED);
    }
  }

  public static final class HellingerDistanceBinned extends H2Aggregate {
    public HellingerDistanceBinned() {
      super(DivergenceFunction.HELLINGER_DISTANCE_BINNED);
    }
  }

  public static final class TotalVariationDistanceBinned extends H2Aggregate {
    public TotalVariationDistanceBinned() {
      super(DivergenceFunction.TOTAL_VARIATION_DISTANCE_BINNED);
    }
  }

  public static final class ApproxKsStatistic extends H2Aggregate {
    public ApproxKsStatistic() {
      super(DivergenceFunction.APPROX_KS_STATISTIC);
    }
  }

  public static final class ApproxKsPValue extends H2Aggregate {
    public ApproxKsPValue() {
      super(DivergenceFunction.APPROX_KS_PVALUE);
    }
  }

  public static final class ApproxWassersteinDistance extends H2Aggregate {
    public ApproxWassersteinDistance() {
      super(DivergenceFunction.APPROX_WASSERSTEIN_DISTANCE);
    }
  }

  public static final class ApproxKlDivergenceBinned extends H2Aggregate {
    public ApproxKlDivergenceBinned() {
      super(DivergenceFunction.APPROX_KL_DIVERGENCE_BINNED);
    }
  }

  public static final class ApproxPsiBinned extends H2Aggregate {
    public ApproxPsiBinned() {
      super(DivergenceFunction.APPROX_PSI_BINNED);
    }
  }

  public static final class ApproxJsDivergenceBinned extends H2Aggregate {
    public ApproxJsDivergenceBinned() {
      super(DivergenceFunction.APPROX_JS_DIVERGENCE_BINNED);
    }
  }

  public static final class ApproxHellingerDistanceBinned extends H2Aggregate {
    public ApproxHellingerDistanceBinned() {
      super(DivergenceFunction.APPROX_HELLINGER_DISTANCE_BINNED);
    }
  }

  public static final class ApproxTotalVariationDistanceBinned extends H2Aggregate {
    public ApproxTotalVariationDistanceBinned() {
      super(DivergenceFunction.APPROX_TOTAL_VARIATION_DISTANCE_BINNED);
    }
  }

  public static final class GTestStatistic extends H2Aggregate {
    public GTestStatistic() {
      super(DivergenceFunction.G_TEST_STATISTIC);
    }
  }

  public static final class GTestPValue extends H2Aggregate {
    public GTestPValue() {
      super(DivergenceFunction.G_TEST_PVALUE);
    }
  }

  public static final class ChiSquareStatistic extends H2Aggregate {
    public ChiSquareStatistic() {
      super(DivergenceFunction.CHI_SQUARE_STATISTIC);
    }
  }

  public static final class ChiSquarePValue extends H2Aggregate {
    public ChiSquarePValue() {
      super(DivergenceFunction.CHI_SQUARE_PVALUE);
    }
  }

  public static final class LInfinityDistance extends H2Aggregate {
    public LInfinityDistance() {
      super(DivergenceFunction.L_INFINITY_DISTANCE);
    }
  }

  public static final class JsDistance extends H2Aggregate {
    public JsDistance() {
      super(DivergenceFunction.JS_DISTANCE);
    }
  }

  public static final class GTestStatisticBy extends H2Aggregate {
    public GTestStatisticBy() {
      super(DivergenceFunction.G_TEST_STATISTIC_BY);
    }
  }

  public static final class GTestPValueBy extends H2Aggregate {
    public GTestPValueBy() {
      super(DivergenceFunction.G_TEST_PVALUE_BY);
    }
  }

  public static final class ChiSquareStatisticBy extends H2Aggregate {
    public ChiSquareStatisticBy() {
      super(DivergenceFunction.CHI_SQUARE_STATISTIC_BY);
    }
  }

  public static final class ChiSquarePValueBy extends H2Aggregate {
    public ChiSquarePValueBy() {
      super(DivergenceFunction.CHI_SQUARE_PVALUE_BY);
    }
  }

  public static final class LInfinityDistanceBy extends H2Aggregate {
    public LInfinityDistanceBy() {
      super(DivergenceFunction.L_INFINITY_DISTANCE_BY);
    }
  }

  public static final class JsDistanceBy extends H2Aggregate {
    public JsDistanceBy() {
      super(DivergenceFunction.JS_DISTANCE_BY);
    }
  }

  public static final class MutualInformation extends H2Aggregate {
    public MutualInformation() {
      super(DivergenceFunction.MUTUAL_INFORMATION);
    }
  }

  public static final class TheilsU extends H2Aggregate {
    public TheilsU() {
      super(DivergenceFunction.THEILS_U);
    }
  }

  public static final class CramersV extends H2Aggregate {
    public CramersV() {
      super(DivergenceFunction.CRAMERS_V);
    }
  }

  public static final class CramersVBiasCorrected extends H2Aggregate {
    public CramersVBiasCorrected() {
      super(DivergenceFunction.CRAMERS_V_BIAS_CORRECTED);
    }
  }

  public static final class ContingencyCoefficient extends H2Aggregate {
    public ContingencyCoefficient() {
      super(DivergenceFunction.CONTINGENCY_COEFFICIENT);
    }
  }

  public static final class MannWhitneyUStatistic extends H2Aggregate {
    public MannWhitneyUStatistic() {
      super(DivergenceFunction.MANN_WHITNEY_U_STATISTIC);
    }
  }

  public static final class MannWhitneyUPValue extends H2Aggregate {
    public MannWhitneyUPValue() {
      super(DivergenceFunction.MANN_WHITNEY_U_PVALUE);
    }
  }

  public static final class WelchTStatistic extends H2Aggregate {
    public WelchTStatistic() {
      super(DivergenceFunction.WELCH_T_STATISTIC);
    }
  }

  public static final class WelchTPValue extends H2Aggregate {
    public WelchTPValue() {
      super(DivergenceFunction.WELCH_T_PVALUE);
    }
  }

  public static final class AndersonDarlingStatistic extends H2Aggregate {
    public AndersonDarlingStatistic() {
      super(DivergenceFunction.ANDERSON_DARLING_STATISTIC);
    }
  }

  public static final class AndersonDarlingPValue extends H2Aggregate {
    public AndersonDarlingPValue() {
      super(DivergenceFunction.ANDERSON_DARLING_PVALUE);
    }
  }

  public static final class CramerVonMisesStatistic extends H2Aggregate {
    public CramerVonMisesStatistic() {
      super(DivergenceFunction.CRAMER_VON_MISES_STATISTIC);
    }
  }

  public static final class CramerVonMisesPValue extends H2Aggregate {
    public CramerVonMisesPValue() {
      super(DivergenceFunction.CRAMER_VON_MISES_PVALUE);
    }
  }

  public static final class EnergyDistance extends H2Aggregate {
    public EnergyDistance() {
      super(DivergenceFunction.ENERGY_DISTANCE);
    }
  }

  public static final class ApproxKsDrift extends H2Aggregate {
    public ApproxKsDrift() {
      super(DivergenceFunction.APPROX_KS_DRIFT);
    }
  }
}
