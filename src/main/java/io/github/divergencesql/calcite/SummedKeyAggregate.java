package io.github.divergencesql.calcite;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.registry.CoreMethod;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * The second half of a keyed form whose per-key sums the database computed
 * ({@link KeyedPushdownRule}): one row per key (and alpha) with the weights' SUMs and MINs, handed
 * to {@link DivergenceFunction#addSummedKey}. Never named in SQL; the rule builds its calls.
 */
final class SummedKeyAggregate implements AggregateFunction, ImplementableAggFunction {
  /** Named, not looked up by argument types: linq4j does not resolve a varargs call. */

  private final DivergenceFunction function;
  /** The literal alpha of the call, or null when alpha is an argument or absent. */
  private final RexLiteral alpha;

  private SummedKeyAggregate(DivergenceFunction function, RexLiteral alpha) {
    this.function = function;
    this.alpha = alpha;
  }

  /**
   * The operator the rule's upper aggregate calls, named {@code KL_DIVERGENCE_BY$SUMMED} (or
   * {@code KL_DIVERGENCE_BY$SUMMED(0.5)} with a literal alpha, which it then adds to each row).
   */
  static SqlAggFunction operator(DivergenceFunction function, RexLiteral alpha) {
    String name = function.name() + "$SUMMED" + (alpha == null ? "" : "(" + alpha + ")");
    return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE_NULLABLE, null, null,
        new SummedKeyAggregate(function, alpha), false, false, Optionality.FORBIDDEN);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(); // not validated: only the rule calls it
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return CalciteArguments.nullableDouble(typeFactory);
  }

  @Override
  public AggImplementor getImplementor(boolean windowContext) {
    return new AggImplementor() {
      @Override
      public List<Type> getStateType(AggContext info) {
        return List.of(function.accumulatorClass(arity(info)));
      }

      @Override
      public void implementReset(AggContext info, AggResetContext reset) {
        Expression create = Expressions.call(self(), CoreMethod.NEW_ACCUMULATOR.method,
            Expressions.constant(arity(info)));
        reset.currentBlock().add(Expressions.statement(Expressions.assign(
            reset.accumulator().get(0),
            Expressions.convert_(create, function.accumulatorClass(arity(info))))));
      }

      @Override
      public void implementAdd(AggContext info, AggAddContext add) {
        List<Expression> boxed = new ArrayList<>();
        for (Expression a : CalciteArguments.rowArguments(function, add)) {
          boxed.add(Expressions.convert_(
              Primitive.is(a.getType()) ? Expressions.box(a) : a, Object.class));
        }
        if (alpha != null) {
          // a number, or text such as '0.5' (a client that inlines its parameters), which the
          // core reads as the number it spells, or refuses, as it would from a row
          boxed.add(SqlTypeUtil.isCharacter(alpha.getType())
              ? Expressions.constant(alpha.getValueAs(String.class), String.class)
              : Expressions.constant(alpha.getValueAs(Double.class), Double.class));
        }
        add.currentBlock().add(Expressions.statement(Expressions.call(self(), CoreMethod.ADD_SUMMED_KEY.method,
            Expressions.convert_(add.accumulator().get(0), Accumulator.class),
            Expressions.newArrayInit(Object.class, boxed))));
      }

      @Override
      public Expression implementResult(AggContext info, AggResultContext result) {
        return Expressions.call(result.accumulator().get(0), CoreMethod.RESULT.method);
      }
    };
  }

  /** The argument count of the SQL call: the key, one per weight and alpha. */
  private int arity(AggContext info) {
    int weights = function.shape() == DivergenceFunction.Shape.KEYED_PAIR ? 2 : 1;
    return info.parameterTypes().size() - weights + (alpha == null ? 0 : 1);
  }

  private Expression self() {
    return Expressions.field(null, DivergenceFunction.class, function.name());
  }
}
