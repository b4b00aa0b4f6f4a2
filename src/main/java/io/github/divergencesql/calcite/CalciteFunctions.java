package io.github.divergencesql.calcite;

import io.github.divergencesql.core.DivergenceFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

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
      schema.add(f.name(), function(f));
    }
  }

  /** The Calcite function object of one of our functions. */
  static Function function(DivergenceFunction f) {
    if (f.isAggregate()) {
      return new CalciteAggregate(f);
    }
    return new CalciteScalar();
  }

  /** Generated-code arguments as {@link Number}s: primitives boxed, NULLs kept as null. */
  static List<Expression> numbers(List<Expression> arguments) {
    List<Expression> list = new ArrayList<>();
    for (Expression arg : arguments) {
      Expression boxed = Primitive.is(arg.getType()) ? Expressions.box(arg) : arg;
      list.add(Expressions.convert_(boxed, Number.class));
    }
    return list;
  }

  static RelDataType nullableDouble(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.DOUBLE), true);
  }

  static List<FunctionParameter> doubleParameters(DivergenceFunction f) {
    List<FunctionParameter> list = new ArrayList<>();
    for (int i = 0; i < f.parameters().size(); i++) {
      int ordinal = i;
      list.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return f.parameters().get(ordinal);
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
          return nullableDouble(typeFactory);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return list;
  }
}
