package io.github.divergencesql.core.registry;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.CrossEntropy;
import io.github.divergencesql.core.Entropy;
import io.github.divergencesql.core.HellingerDistance;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.JsDistance;
import io.github.divergencesql.core.JsDivergence;
import io.github.divergencesql.core.Keyed;
import io.github.divergencesql.core.KeyedEntropy;
import io.github.divergencesql.core.KlDivergence;
import io.github.divergencesql.core.LInfinityDistance;
import io.github.divergencesql.core.PairMeasure;
import io.github.divergencesql.core.Psi;
import io.github.divergencesql.core.Smoothed;
import io.github.divergencesql.core.TotalVariationDistance;
import io.github.divergencesql.core.UnaryAccumulator;
import io.github.divergencesql.core.VaeKl;
import io.github.divergencesql.core.association.Association;
import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.twosample.AndersonDarling;
import io.github.divergencesql.core.twosample.ApproxBinned;
import io.github.divergencesql.core.twosample.ApproxKsDrift;
import io.github.divergencesql.core.twosample.ApproxKsPValue;
import io.github.divergencesql.core.twosample.ApproxKsStatistic;
import io.github.divergencesql.core.twosample.ApproxWassersteinDistance;
import io.github.divergencesql.core.twosample.Binned;
import io.github.divergencesql.core.twosample.CramerVonMises;
import io.github.divergencesql.core.twosample.EnergyDistance;
import io.github.divergencesql.core.twosample.KsPValue;
import io.github.divergencesql.core.twosample.KsStatistic;
import io.github.divergencesql.core.twosample.MannWhitneyU;
import io.github.divergencesql.core.twosample.WassersteinDistance;
import io.github.divergencesql.core.twosample.WelchT;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every SQL function of divergence-sql: its name, its argument lists and, for aggregates, the
 * accumulator for each. The engine adapters register exactly this list, and hand rows to
 * {@link #addRow}, so the argument conventions are defined once.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public enum DivergenceFunction {
  // The first argument is the function's permanent id, written into every serialised state
  // (StateCodec): never reuse or renumber one; a new function takes the next free number.
  KL_DIVERGENCE(0, Shape.PAIR, KlDivergence.class, KlDivergence::new),
  JS_DIVERGENCE(1, Shape.PAIR, JsDivergence.class, JsDivergence::new),
  CROSS_ENTROPY(2, Shape.PAIR, CrossEntropy.class, CrossEntropy::new),
  ENTROPY(3, Shape.UNARY, Entropy.class, Entropy::new),
  PSI(4, Shape.PAIR, Psi.class, Psi::new),
  HELLINGER_DISTANCE(5, Shape.PAIR, HellingerDistance.class, HellingerDistance::new),
  TOTAL_VARIATION_DISTANCE(6, Shape.PAIR, TotalVariationDistance.class,
      TotalVariationDistance::new),
  GAUSSIAN_KL(7, Shape.SCALAR, null, null),
  VAE_KL(8, Shape.VAE, VaeKl.class, VaeKl::new),
  KL_DIVERGENCE_BY(9, Shape.KEYED_PAIR, KlDivergence.class, KlDivergence::new),
  JS_DIVERGENCE_BY(10, Shape.KEYED_PAIR, JsDivergence.class, JsDivergence::new),
  CROSS_ENTROPY_BY(11, Shape.KEYED_PAIR, CrossEntropy.class, CrossEntropy::new),
  ENTROPY_BY(12, Shape.KEYED_UNARY, KeyedEntropy.class, KeyedEntropy::new),
  PSI_BY(13, Shape.KEYED_PAIR, Psi.class, Psi::new),
  HELLINGER_DISTANCE_BY(14, Shape.KEYED_PAIR, HellingerDistance.class, HellingerDistance::new),
  TOTAL_VARIATION_DISTANCE_BY(15, Shape.KEYED_PAIR, TotalVariationDistance.class,
      TotalVariationDistance::new),
  KS_STATISTIC(16, Shape.TWO_SAMPLE, KsStatistic.class, KsStatistic::new),
  KS_PVALUE(17, Shape.TWO_SAMPLE, KsPValue.class, KsPValue::new),
  WASSERSTEIN_DISTANCE(18, Shape.TWO_SAMPLE, WassersteinDistance.class,
      WassersteinDistance::new),
  KL_DIVERGENCE_BINNED(19, Shape.BINNED, KlDivergence.class, KlDivergence::new),
  PSI_BINNED(20, Shape.BINNED, Psi.class, Psi::new),
  JS_DIVERGENCE_BINNED(21, Shape.BINNED, JsDivergence.class, JsDivergence::new),
  HELLINGER_DISTANCE_BINNED(22, Shape.BINNED, HellingerDistance.class, HellingerDistance::new),
  TOTAL_VARIATION_DISTANCE_BINNED(23, Shape.BINNED, TotalVariationDistance.class,
      TotalVariationDistance::new),
  APPROX_KS_STATISTIC(24, Shape.APPROX_TWO_SAMPLE, ApproxKsStatistic.class,
      ApproxKsStatistic::new),
  APPROX_KS_PVALUE(25, Shape.APPROX_TWO_SAMPLE, ApproxKsPValue.class, ApproxKsPValue::new),
  APPROX_WASSERSTEIN_DISTANCE(26, Shape.APPROX_TWO_SAMPLE, ApproxWassersteinDistance.class,
      ApproxWassersteinDistance::new),
  APPROX_KL_DIVERGENCE_BINNED(27, Shape.APPROX_BINNED, KlDivergence.class, KlDivergence::new),
  APPROX_PSI_BINNED(28, Shape.APPROX_BINNED, Psi.class, Psi::new),
  APPROX_JS_DIVERGENCE_BINNED(29, Shape.APPROX_BINNED, JsDivergence.class, JsDivergence::new),
  APPROX_HELLINGER_DISTANCE_BINNED(30, Shape.APPROX_BINNED, HellingerDistance.class,
      HellingerDistance::new),
  APPROX_TOTAL_VARIATION_DISTANCE_BINNED(31, Shape.APPROX_BINNED, TotalVariationDistance.class,
      TotalVariationDistance::new),
  G_TEST_STATISTIC(32, Shape.PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::gStatistic),
  G_TEST_PVALUE(33, Shape.PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::gPValue),
  CHI_SQUARE_STATISTIC(34, Shape.PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::chiSquareStatistic),
  CHI_SQUARE_PVALUE(35, Shape.PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::chiSquarePValue),
  L_INFINITY_DISTANCE(36, Shape.PAIR, LInfinityDistance.class, LInfinityDistance::new),
  JS_DISTANCE(37, Shape.PAIR, JsDistance.class, JsDistance::new),
  G_TEST_STATISTIC_BY(38, Shape.KEYED_PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::gStatistic),
  G_TEST_PVALUE_BY(39, Shape.KEYED_PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::gPValue),
  CHI_SQUARE_STATISTIC_BY(40, Shape.KEYED_PAIR, Alpha.NONE,
      HomogeneityTest.class, HomogeneityTest::chiSquareStatistic),
  CHI_SQUARE_PVALUE_BY(41, Shape.KEYED_PAIR, Alpha.NONE, HomogeneityTest.class,
      HomogeneityTest::chiSquarePValue),
  L_INFINITY_DISTANCE_BY(42, Shape.KEYED_PAIR, LInfinityDistance.class, LInfinityDistance::new),
  JS_DISTANCE_BY(43, Shape.KEYED_PAIR, JsDistance.class, JsDistance::new),
  MUTUAL_INFORMATION(44, Shape.ASSOCIATION, Association.class,
      () -> new Association(Association.Measure.MUTUAL_INFORMATION)),
  THEILS_U(45, Shape.ASSOCIATION, Association.class,
      () -> new Association(Association.Measure.THEILS_U)),
  CRAMERS_V(46, Shape.ASSOCIATION, Association.class,
      () -> new Association(Association.Measure.CRAMERS_V)),
  CRAMERS_V_BIAS_CORRECTED(47, Shape.ASSOCIATION, Association.class,
      () -> new Association(Association.Measure.CRAMERS_V_BIAS_CORRECTED)),
  CONTINGENCY_COEFFICIENT(48, Shape.ASSOCIATION, Association.class,
      () -> new Association(Association.Measure.CONTINGENCY_COEFFICIENT)),
  MANN_WHITNEY_U_STATISTIC(49, Shape.TWO_SAMPLE, MannWhitneyU.class, MannWhitneyU::statistic),
  MANN_WHITNEY_U_PVALUE(50, Shape.TWO_SAMPLE, MannWhitneyU.class, MannWhitneyU::pValue),
  WELCH_T_STATISTIC(51, Shape.TWO_SAMPLE, WelchT.class, WelchT::statistic),
  WELCH_T_PVALUE(52, Shape.TWO_SAMPLE, WelchT.class, WelchT::pValue),
  ANDERSON_DARLING_STATISTIC(53, Shape.TWO_SAMPLE, AndersonDarling.class,
      AndersonDarling::statistic),
  ANDERSON_DARLING_PVALUE(54, Shape.TWO_SAMPLE, AndersonDarling.class, AndersonDarling::pValue),
  CRAMER_VON_MISES_STATISTIC(55, Shape.TWO_SAMPLE, CramerVonMises.class,
      CramerVonMises::statistic),
  CRAMER_VON_MISES_PVALUE(56, Shape.TWO_SAMPLE, CramerVonMises.class, CramerVonMises::pValue),
  ENERGY_DISTANCE(57, Shape.TWO_SAMPLE, EnergyDistance.class, EnergyDistance::new),
  APPROX_KS_DRIFT(58, Shape.APPROX_DRIFT, ApproxKsDrift.class, ApproxKsDrift::new);

  /**
   * Whether a function of a smoothable shape takes the trailing alpha: the tests of homogeneity
   * do not, their counts are the data (smoothing them would change the sample).
   */
  private enum Alpha {
    OPTIONAL,
    NONE
  }

  /** The argument conventions of a function. */
  public enum Shape {
    /** {@code (p, q [, alpha])}, pivot NULLs. */
    PAIR(List.of("p", "q"), true),
    /** {@code (p)}, NULL rows ignored. */
    UNARY(List.of("p"), false),
    /** {@code (mu, log_var)}, rows with a NULL skipped. */
    VAE(List.of("mu", "log_var"), false),
    /** {@code (key, p, q [, alpha])}: rows with equal keys are one outcome. */
    KEYED_PAIR(List.of("key", "p", "q"), true),
    /** {@code (key, w)}. */
    KEYED_UNARY(List.of("key", "w"), false),
    /** {@code (mu1, sigma1, mu2, sigma2)}, a strict scalar. */
    SCALAR(List.of("mu1", "sigma1", "mu2", "sigma2"), false),
    /** {@code (x, y)}: two samples of values, each non-NULL argument added to its side. */
    TWO_SAMPLE(List.of("x", "y"), List.of()),
    /** {@code (x, y [, bins [, alpha]])}: a measure over bins from the reference sample x. */
    BINNED(List.of("x", "y"), List.of("bins", "alpha")),
    /** {@code (x, y [, k])}: two samples in KLL sketches of size k. */
    APPROX_TWO_SAMPLE(List.of("x", "y"), List.of("k")),
    /** {@code (x, y [, bins [, alpha [, k]]])}: {@code BINNED} from KLL sketches. */
    APPROX_BINNED(List.of("x", "y"), List.of("bins", "alpha", "k")),
    /** {@code (x, y)}: observations of two categorical columns, any comparable values. */
    ASSOCIATION(List.of("x", "y"), List.of()),
    /** {@code (x, y, alpha [, k])}: a decision from two KLL sketches of size k; a BOOLEAN. */
    APPROX_DRIFT(List.of("x", "y", "alpha"), List.of("k"));

    private final List<String> parameters;
    /** Trailing optional parameters, in order. */
    private final List<String> optional;

    Shape(List<String> parameters, boolean smoothable) {
      this(parameters, smoothable ? List.of("alpha") : List.of());
    }

    Shape(List<String> parameters, List<String> optional) {
      this.parameters = parameters;
      this.optional = optional;
    }
  }

  private final int id;
  private final Shape shape;
  private final Class<?> measureClass;
  private final Supplier<?> measure;
  /** Trailing optional parameters, in order: the shape's, unless the function drops alpha. */
  private final List<String> optional;
  /** The parameter names for each argument count, indexed by arity (null where not taken). */
  private final List<List<String>> parameters;
  private final List<Integer> arities;

  DivergenceFunction(int id, Shape shape, Class<?> measureClass, Supplier<?> measure) {
    this(id, shape, Alpha.OPTIONAL, measureClass, measure);
  }

  DivergenceFunction(int id, Shape shape, Alpha alpha, Class<?> measureClass,
      Supplier<?> measure) {
    this.id = id;
    this.shape = shape;
    this.measureClass = measureClass;
    this.measure = measure;
    this.optional = alpha == Alpha.NONE ? List.of() : shape.optional;
    int n = shape.parameters.size();
    int most = n + optional.size();
    List<List<String>> byArity = new ArrayList<>(Collections.nCopies(most + 2, List.of()));
    List<Integer> counts = new ArrayList<>();
    List<String> names = new ArrayList<>(shape.parameters);
    for (int arity = n; arity <= most; arity++) {
      if (arity > n) {
        names.add(optional.get(arity - n - 1));
      }
      byArity.set(arity, List.copyOf(names));
      counts.add(arity);
    }
    this.parameters = List.copyOf(byArity);
    this.arities = List.copyOf(counts);
  }

  /** The permanent id written into serialised states (see {@link StateCodec}). */
  public int id() {
    return id;
  }

  public Shape shape() {
    return shape;
  }

  public boolean isAggregate() {
    return shape != Shape.SCALAR;
  }

  /**
   * True for a function whose SQL result is a BOOLEAN ({@code APPROX_KS_DRIFT}); its
   * accumulator's result is 1.0 for TRUE and 0.0 for FALSE ({@link #truth}). Every other
   * function returns a DOUBLE.
   */
  public boolean returnsBoolean() {
    return shape == Shape.APPROX_DRIFT;
  }

  /** A boolean function's result as SQL sees it: 1.0 TRUE, 0.0 FALSE, null NULL. */
  public static Boolean truth(Double result) {
    return result == null ? null : result != 0;
  }

  /** The argument counts the function takes: one, or two when a trailing alpha is allowed. */
  public List<Integer> arities() {
    return arities;
  }

  /** The parameter names for {@code arity} arguments, in SQL order. */
  public List<String> parameters(int arity) {
    checkArity(arity);
    return parameters.get(arity);
  }

  /**
   * True for a key argument (any comparable SQL type: a keyed form's key, an association's x
   * and y); every other argument is numeric.
   */
  public boolean isKey(int argument) {
    return switch (shape) {
      case KEYED_PAIR, KEYED_UNARY -> argument == 0;
      case ASSOCIATION -> argument == 0 || argument == 1;
      default -> false;
    };
  }

  /** {@code NAME(p, q [, alpha])}, for messages and documentation. */
  public String signature() {
    String base = name() + "(" + String.join(", ", shape.parameters);
    StringBuilder sig = new StringBuilder(base);
    for (String o : optional) {
      sig.append(" [, ").append(o);
    }
    return sig.append("]".repeat(optional.size())).append(')').toString();
  }

  /** The class of the accumulator that {@link #newAccumulator(int)} returns. */
  public Class<?> accumulatorClass(int arity) {
    checkAggregate(arity);
    return switch (shape) {
      case PAIR -> arity == 2 ? measureClass : Smoothed.class;
      case KEYED_PAIR -> Keyed.class;
      case BINNED -> Binned.class;
      case APPROX_BINNED -> ApproxBinned.class;
      default -> measureClass;
    };
  }

  /** A new, empty accumulator for a call with {@code arity} arguments. */
  public Accumulator<?> newAccumulator(int arity) {
    checkAggregate(arity);
    return switch (shape) {
      case PAIR -> arity == 2 ? (Accumulator<?>) measure.get()
          : new Smoothed(name(), (PairMeasure) measure.get());
      case KEYED_PAIR -> new Keyed(name(), (Supplier) measure);
      case BINNED -> new Binned(name(), (Supplier) measure);
      case APPROX_BINNED -> new ApproxBinned(name(), (Supplier) measure);
      default -> (Accumulator<?>) measure.get();
    };
  }

  /**
   * Adds one row, given as the engine's Java values ({@code null} for SQL NULL, a
   * {@link Number} for every numeric argument, anything comparable for a key), to an accumulator
   * from {@link #newAccumulator(int)} with {@code args.length} arguments.
   */
  public void addRow(Accumulator<?> accumulator, Object... args) {
    if (!isAggregate()) {
      throw new UnsupportedOperationException(name() + " is a scalar function");
    }
    Object[] row = args;
    for (int i = 0; i < args.length; i++) {
      if (!isKey(i)) {
        Number n = number(args, i);
        if (n != args[i]) { // text read as a number: the engine's array stays as it was
          if (row == args) {
            row = args.clone();
          }
          row[i] = n;
        }
      }
    }
    accumulator.addRow(row);
  }

  /**
   * Adds one key's rows, summed by another engine, to an accumulator of a keyed form
   * ({@code NAME_BY}); how a database computes the keyed forms when the rows stay in it. The
   * arguments are the key, then each weight's SUM over the key's rows, then each weight's MIN,
   * then alpha if the call has one (an engine groups by it too, so a key may come once per
   * distinct alpha): {@code key, sum(p), sum(q), min(p), min(q) [, alpha]}, or
   * {@code key, sum(w), min(w)}. SQL NULL for a sum means every row had NULL there.
   *
   * <p>A NULL sum beside a non-NULL minimum is a sum of 0 (the weights' NULL rows and zero rows
   * were filtered apart). The result equals that of adding the rows themselves when the sums are
   * exact: a negative
   * weight shows as a negative minimum and is the same error; a NaN or infinite weight makes the
   * sum NaN or infinite, which is checked as a weight is.
   */
  public void addSummedKey(Accumulator<?> accumulator, Object... args) {
    int weights = switch (shape) {
      case KEYED_PAIR -> 2;
      case KEYED_UNARY -> 1;
      default -> throw new UnsupportedOperationException(name() + " is not a keyed form");
    };
    int arity = args.length - weights;
    checkArity(arity);
    Object[] row = new Object[arity];
    row[0] = args[0];
    for (int i = 1; i <= weights; i++) {
      row[i] = numericArgument(arity, i, args[i]);
      Number min = numericArgument(arity, i, args[i + weights]);
      if (min != null) {
        InvalidArgumentException.weight(name(), parameters(arity).get(i), min.doubleValue());
        if (row[i] == null) {
          // a key with a non-NULL weight has a sum: an engine that moved a CASE ... ELSE 0 into
          // the sum's FILTER gives NULL where the rows sum to 0
          row[i] = 0.0;
        }
      }
    }
    System.arraycopy(args, 1 + 2 * weights, row, 1 + weights, arity - 1 - weights);
    addRow(accumulator, row);
  }

  /** Adds one row of a one-argument call ({@code ENTROPY(p)}) without an argument array. */
  public void addValue(Accumulator<?> accumulator, Object value) {
    if (shape != Shape.UNARY) {
      checkArity(1);
    }
    ((UnaryAccumulator<?>) accumulator).addNullable(numericArgument(1, 0, value));
  }

  private Number number(Object[] args, int i) {
    return numericArgument(args.length, i, args[i]);
  }

  /**
   * A numeric argument as the engine passed it: {@code null} or a {@link Number} is returned as
   * it is; text given for a constant option (alpha, bins, k: {@link #isOption}) that reads as a
   * number is that number, as PostgreSQL coerces an untyped literal (a client that binds every
   * parameter as text, such as node-postgres, DBD::Pg or JDBC's {@code setString("0.5")}, sent
   * alpha as '0.5'); anything else is {@link #notNumeric} (an engine that cannot type the
   * argument while planning, such as Calcite for a {@code ?} parameter, checks each value
   * here). Weights stay strictly numeric: a text weight is an error.
   */
  public Number numericArgument(int arity, int argument, Object v) {
    if (v == null || v instanceof Number) {
      return (Number) v;
    }
    if (v instanceof CharSequence text && isOption(arity, argument)) {
      Number n = NumberText.parse(text.toString());
      if (n != null) {
        return n;
      }
    }
    throw notNumeric(arity, argument, v.getClass().getSimpleName() + " '" + v + "'");
  }

  /** True for a constant option of the call: alpha, bins or k (not a weight, value or key). */
  public boolean isOption(int arity, int argument) {
    String name = parameters(arity).get(argument);
    return name.equals("alpha") || name.equals("bins") || name.equals("k");
  }

  /**
   * The error for a non-numeric argument, in every engine: {@code NAME: p must be numeric, got
   * VARCHAR} (SQLState {@value InvalidArgumentException#WRONG_TYPE}); {@code type} is the
   * engine's name of the argument's type.
   */
  public InvalidArgumentException notNumeric(int arity, int argument, String type) {
    return new InvalidArgumentException(name(), parameters(arity).get(argument),
        "must be numeric, got " + type, InvalidArgumentException.WRONG_TYPE);
  }

  /**
   * The error for a wrong argument count, in every engine: {@code NAME: expects NAME(p, q [,
   * alpha]), got 1 argument} (SQLState {@value InvalidArgumentException#SQL_STATE}).
   */
  public InvalidArgumentException wrongArity(int arity) {
    return new InvalidArgumentException(name(), "arguments", name() + ": expects " + signature()
        + ", got " + arity + " argument" + (arity == 1 ? "" : "s"));
  }

  private void checkArity(int arity) {
    if (arity < 0 || arity >= parameters.size() || parameters.get(arity).isEmpty()) {
      throw wrongArity(arity);
    }
  }

  private void checkAggregate(int arity) {
    if (!isAggregate()) {
      throw new UnsupportedOperationException(name() + " is a scalar function");
    }
    checkArity(arity);
  }
}
