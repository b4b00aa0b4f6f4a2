package io.github.divergencesql.calcite;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.List;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The functions of divergence-sql in Apache Calcite. {@link #register(SchemaPlus)} adds them all
 * to any schema; {@link DivergenceSchemaFactory} builds the {@code DIVERGENCE} schema of
 * {@code sql/calcite/model.json} from the same list.
 *
 * <p>Errors: Calcite reports an exception thrown by generated code as an {@code SQLException}
 * without SQLState whose message is "Error while executing SQL ...: " followed by the core's
 * message (function, argument and value), with the core's {@code InvalidArgumentException} as a
 * cause.
 */
public final class CalciteFunctions {
  private CalciteFunctions() {}

  /** Adds every function of divergence-sql to {@code schema}. */
  public static void register(SchemaPlus schema) {
    for (DivergenceFunction f : DivergenceFunction.values()) {
      for (Function function : functions(f)) {
        schema.add(f.name(), function);
      }
    }
  }

  /**
   * The Calcite function object of one of our functions: one per name, its alpha optional. One,
   * not one per argument count, because Calcite infers the type of a {@code ?} argument only
   * when a name has a single overload ({@code SqlValidatorImpl.performUnconditionalRewrites}
   * resolves the call early then; with two it stays unresolved, and a {@code ?} in it is an
   * "Illegal use of dynamic parameter"). An aggregate call is not padded with defaults, so the
   * implementor sees how many arguments were written.
   */
  static List<Function> functions(DivergenceFunction f) {
    return List.of(f.isAggregate() ? new CalciteAggregate(f) : new CalciteScalar());
  }
}
