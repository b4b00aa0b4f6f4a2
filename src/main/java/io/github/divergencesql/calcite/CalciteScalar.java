package io.github.divergencesql.calcite;

import io.github.divergencesql.core.registry.CoreMethod;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;

/**
 * {@code GAUSSIAN_KL} in Calcite. A reflective scalar UDF with {@code Double} parameters does not
 * accept DECIMAL arguments (Calcite passes a BigDecimal), so, like {@link CalciteAggregate}, this
 * generates the call itself: {@code GaussianKl.ofNullable((Number) a, (Number) b, ...)}, with
 * NULLs passed through to the core, which returns NULL for them.
 */
final class CalciteScalar implements ScalarFunction, ImplementableFunction {
  private static final DivergenceFunction FUNCTION = DivergenceFunction.GAUSSIAN_KL;

  @Override
  public List<FunctionParameter> getParameters() {
    return CalciteArguments.parameters(FUNCTION);
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return CalciteArguments.nullableDouble(typeFactory);
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(
        (translator, call, operands) -> Expressions.call(CoreMethod.GAUSSIAN_KL.method,
            CalciteArguments.arguments(FUNCTION, call.getOperands(), operands)),
        NullPolicy.NONE, false);
  }
}
