package io.github.divergencesql.calcite;

import io.github.divergencesql.core.registry.CoreMethod;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.linq4j.tree.Statement;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;

/**
 * A divergence aggregate in Calcite. Calcite's reflective UDAFs are strict (they skip every row
 * with a NULL argument), which would break the pivot NULL rule, so this is an
 * {@link ImplementableAggFunction} whose implementor is not strict: the generated code keeps one
 * core accumulator as the aggregate state and hands it every row, NULLs included, as
 * {@code acc.addNullable((Number) arg0, (Number) arg1)} (a key argument as {@code Object});
 * the core applies the NULL rule. One instance per function; the implementor takes the argument
 * count (with or without alpha) from the call.
 *
 * <p>Any numeric SQL type is accepted (DECIMAL literals such as {@code 0.2}, INTEGER counts); the
 * generated code boxes primitives and passes {@link Number}s, and rejects a non-numeric argument
 * while the query is planned. The result is a nullable DOUBLE (a BOOLEAN for
 * {@code APPROX_KS_DRIFT}).
 */
final class CalciteAggregate implements AggregateFunction, ImplementableAggFunction {
  private final DivergenceFunction function;

  CalciteAggregate(DivergenceFunction function) {
    this.function = function;
  }

  DivergenceFunction function() {
    return function;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return CalciteArguments.parameters(function);
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return function.returnsBoolean()
        ? typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BOOLEAN), true)
        : CalciteArguments.nullableDouble(typeFactory);
  }

  @Override
  public AggImplementor getImplementor(boolean windowContext) {
    return new Implementor(function);
  }

  /**
   * Generates: {@code state = (Acc) DivergenceFunction.X.newAccumulator(arity);
   * state.addNullable(args...); state.result()}.
   */
  private static final class Implementor implements AggImplementor {
    private final DivergenceFunction function;

    Implementor(DivergenceFunction function) {
      this.function = function;
    }

    @Override
    public List<Type> getStateType(AggContext info) {
      return List.of(function.accumulatorClass(info.parameterTypes().size()));
    }

    @Override
    public void implementReset(AggContext info, AggResetContext reset) {
      int arity = info.parameterTypes().size();
      Expression create = Expressions.call(
          Expressions.field(null, DivergenceFunction.class, function.name()),
          CoreMethod.NEW_ACCUMULATOR.method, Expressions.constant(arity));
      reset.currentBlock().add(Expressions.statement(Expressions.assign(reset.accumulator().get(0),
          Expressions.convert_(create, function.accumulatorClass(arity)))));
    }

    @Override
    public void implementAdd(AggContext info, AggAddContext add) {
      List<Expression> arguments = CalciteArguments.rowArguments(function, add);
      List<Expression> boxed =
          CalciteArguments.arguments(function, add.rexArguments(), arguments);
      Statement call = Expressions.statement(primitiveRows(add.arguments().size())
          && add.arguments().stream().allMatch(a -> Primitive.is(a.getType()))
          // NOT NULL numeric columns: the primitive add, no boxing per row
          ? Expressions.call(add.accumulator().get(0), add.arguments().size() == 1
              ? CoreMethod.ADD_ONE.method : CoreMethod.ADD_TWO.method, add.arguments().stream()
              .map(a -> (Expression) Expressions.convert_(a, double.class)).toList())
          : Expressions.call(add.accumulator().get(0),
              CoreMethod.addNullable(function, add.arguments().size()),
              CalciteArguments.asParameters(
                  CoreMethod.addNullable(function, add.arguments().size()), boxed)));
      // A non-strict implementor applies FILTER (WHERE ...) itself.
      RexNode filter = add.rexFilterArgument();
      if (filter == null) {
        add.currentBlock().add(call);
      } else {
        Expression condition = add.rowTranslator()
            .translateList(List.of(filter), RexImpTable.NullAs.FALSE).get(0);
        add.currentBlock().add(Expressions.ifThen(condition, call));
      }
    }

    /** Whether the accumulator has {@code add(double...)} for this call's arguments. */
    private boolean primitiveRows(int arity) {
      return switch (function.shape()) {
        case PAIR -> arity == 2;
        case UNARY, VAE, TWO_SAMPLE -> true;
        default -> false;
      };
    }

    @Override
    public Expression implementResult(AggContext info, AggResultContext result) {
      Expression value = Expressions.call(result.accumulator().get(0), CoreMethod.RESULT.method);
      return function.returnsBoolean() ? Expressions.call(CoreMethod.TRUTH.method, value) : value;
    }
  }
}
