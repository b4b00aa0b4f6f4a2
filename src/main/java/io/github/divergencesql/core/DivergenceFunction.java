package io.github.divergencesql.core;

import java.util.List;
import java.util.function.Supplier;

/**
 * Every SQL function of divergence-sql: its name, its parameters and, for aggregates, the
 * accumulator that computes it. The engine adapters register exactly this list.
 */
public enum DivergenceFunction {
  KL_DIVERGENCE(KlDivergence.class, KlDivergence::new, "p", "q"),
  JS_DIVERGENCE(JsDivergence.class, JsDivergence::new, "p", "q"),
  CROSS_ENTROPY(CrossEntropy.class, CrossEntropy::new, "p", "q"),
  ENTROPY(Entropy.class, Entropy::new, "p"),
  PSI(Psi.class, Psi::new, "p", "q"),
  HELLINGER_DISTANCE(HellingerDistance.class, HellingerDistance::new, "p", "q"),
  TOTAL_VARIATION_DISTANCE(TotalVariationDistance.class, TotalVariationDistance::new, "p", "q"),
  VAE_KL(VaeKl.class, VaeKl::new, "mu", "log_var"),
  /** The one scalar function. */
  GAUSSIAN_KL(null, null, "mu1", "sigma1", "mu2", "sigma2");

  private final Class<? extends Accumulator<?>> accumulatorClass;
  private final Supplier<? extends Accumulator<?>> factory;
  private final List<String> parameters;

  DivergenceFunction(Class<? extends Accumulator<?>> accumulatorClass,
      Supplier<? extends Accumulator<?>> factory, String... parameters) {
    this.accumulatorClass = accumulatorClass;
    this.factory = factory;
    this.parameters = List.of(parameters);
  }

  public boolean isAggregate() {
    return factory != null;
  }

  /** The parameter names, in SQL argument order. */
  public List<String> parameters() {
    return parameters;
  }

  /** The accumulator class of an aggregate. */
  public Class<? extends Accumulator<?>> accumulatorClass() {
    if (accumulatorClass == null) {
      throw new UnsupportedOperationException(name() + " is a scalar function");
    }
    return accumulatorClass;
  }

  /** A new, empty accumulator of an aggregate. */
  public Accumulator<?> newAccumulator() {
    if (factory == null) {
      throw new UnsupportedOperationException(name() + " is a scalar function");
    }
    return factory.get();
  }

  /** {@code NAME(arg1, arg2)}, for messages and documentation. */
  public String signature() {
    return name() + "(" + String.join(", ", parameters) + ")";
  }
}
