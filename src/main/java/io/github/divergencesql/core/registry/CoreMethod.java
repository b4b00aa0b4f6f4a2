package io.github.divergencesql.core.registry;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.GaussianKl;
import io.github.divergencesql.core.UnaryAccumulator;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The core methods that the engines' generated code calls (Calcite's linq4j expressions, H2 and
 * Spark through them), resolved once, when this class loads, as Calcite's {@code BuiltInMethod}
 * does: a renamed method or a changed signature fails at start-up (and in
 * {@code CoreMethodTest}), not when a query is first compiled. Each adapter names a method here
 * instead of by its name in a string.
 *
 * <p>Also resolved here, for every function and every arity it takes, the accumulator's
 * {@code addNullable} overload for a row of engine values ({@link #addNullable}): the overloads
 * differ by shape (a key, weights, an option), so each is looked up by its parameter count.
 */
public enum CoreMethod {
  /** {@link DivergenceFunction#newAccumulator(int)}. */
  NEW_ACCUMULATOR(DivergenceFunction.class, "newAccumulator", int.class),
  /** {@link DivergenceFunction#numericArgument(int, int, Object)}. */
  NUMERIC_ARGUMENT(DivergenceFunction.class, "numericArgument", int.class, int.class,
      Object.class),
  /** {@link DivergenceFunction#addSummedKey(Accumulator, Object[])}. */
  ADD_SUMMED_KEY(DivergenceFunction.class, "addSummedKey", Accumulator.class, Object[].class),
  /** {@link Accumulator#result()}. */
  RESULT(Accumulator.class, "result"),
  /** {@link DivergenceFunction#truth(Double)}: a BOOLEAN function's result. */
  TRUTH(DivergenceFunction.class, "truth", Double.class),
  /** {@link UnaryAccumulator#add(double)}: a NOT NULL numeric row, no boxing. */
  ADD_ONE(UnaryAccumulator.class, "add", double.class),
  /** {@link BinaryAccumulator#add(double, double)}: a NOT NULL numeric row, no boxing. */
  ADD_TWO(BinaryAccumulator.class, "add", double.class, double.class),
  /** {@link GaussianKl#ofNullable(Number, Number, Number, Number)}: the scalar function. */
  GAUSSIAN_KL(GaussianKl.class, "ofNullable", Number.class, Number.class, Number.class,
      Number.class);

  /** The method, resolved. */
  public final Method method;

  CoreMethod(Class<?> owner, String name, Class<?>... parameters) {
    this.method = resolve(owner, name, parameters);
  }

  /**
   * {@code owner.name(parameters)}, public; an {@link IllegalStateException} (failing the class's
   * initialisation) if there is none.
   */
  public static Method resolve(Class<?> owner, String name, Class<?>... parameters) {
    try {
      Method m = owner.getMethod(name, parameters);
      if (!Modifier.isPublic(m.getModifiers())) {
        throw new IllegalStateException(owner.getName() + "." + name + " is not public");
      }
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("generated code calls " + owner.getName() + "." + name
          + " with " + List.of(parameters) + ", which does not exist", e);
    }
  }

  /** Each function's {@code addNullable} per arity (index: the arity). */
  private static final Map<DivergenceFunction, Method[]> ADD_NULLABLE =
      new EnumMap<>(DivergenceFunction.class);

  static {
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.shape() == DivergenceFunction.Shape.SCALAR) {
        continue;
      }
      int max = f.arities().stream().mapToInt(Integer::intValue).max().orElse(0);
      Method[] byArity = new Method[max + 1];
      for (int arity : f.arities()) {
        byArity[arity] = addNullableOf(f.accumulatorClass(arity), arity);
      }
      ADD_NULLABLE.put(f, byArity);
    }
  }

  private static Method addNullableOf(Class<?> accumulator, int arity) {
    List<Method> found = new ArrayList<>();
    for (Method m : accumulator.getMethods()) {
      if (m.getName().equals("addNullable") && m.getParameterCount() == arity
          && !m.isBridge() && !Modifier.isStatic(m.getModifiers())) {
        found.add(m);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(accumulator.getName() + " has " + found.size()
          + " addNullable methods of " + arity + " parameters; generated code needs one");
    }
    return found.get(0);
  }

  /**
   * The {@code addNullable} of {@code f}'s accumulator for a call with {@code arity} arguments:
   * the row's engine values, {@code null} for SQL NULL.
   */
  public static Method addNullable(DivergenceFunction f, int arity) {
    Method[] byArity = ADD_NULLABLE.get(f);
    if (byArity == null || arity >= byArity.length || byArity[arity] == null) {
      throw new IllegalArgumentException(f + " takes no " + arity + " arguments");
    }
    return byArity[arity];
  }
}
