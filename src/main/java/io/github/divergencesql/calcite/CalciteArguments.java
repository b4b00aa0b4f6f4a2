package io.github.divergencesql.calcite;

import io.github.divergencesql.core.registry.CoreMethod;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * How the functions' calls are typed and their arguments handed to the core in generated code,
 * shared by {@link CalciteAggregate}, {@link SummedKeyAggregate} and {@link CalciteScalar}: the
 * parameters Calcite sees (nullable ANY, named as in SQL), the result type, and each argument
 * checked or converted as it arrives.
 */
final class CalciteArguments {
  private CalciteArguments() {}

  /**
   * The call's arguments as generated code reads them from the row, each in Calcite's storage
   * type but a binary key, read as the row holds it: Calcite types it ByteString, but a JDBC
   * source hands over byte[] (a bytea key failed with "[B cannot be cast to ByteString"); either
   * compares by content as a key ({@code CategorySums}).
   */
  static List<Expression> rowArguments(DivergenceFunction f, AggAddContext add) {
    List<Type> storage = new ArrayList<>();
    for (RexNode rex : add.rexArguments()) {
      storage.add(f.isKey(storage.size()) && SqlTypeUtil.isBinary(rex.getType())
          ? Object.class : null);
    }
    return add.rowTranslator().translateList(add.rexArguments(), storage);
  }

  /** {@code arguments} cast to {@code method}'s parameter types, in order. */
  static List<Expression> asParameters(java.lang.reflect.Method method,
      List<Expression> arguments) {
    Class<?>[] types = method.getParameterTypes();
    List<Expression> cast = new java.util.ArrayList<>(arguments.size());
    for (int i = 0; i < arguments.size(); i++) {
      Expression a = arguments.get(i);
      cast.add(a.getType() == types[i] ? a : Expressions.convert_(a, types[i]));
    }
    return cast;
  }

  /**
   * Generated-code arguments for the core's {@code addNullable}/{@code ofNullable}: numbers as
   * {@link Number} (primitives boxed), a key as {@link Object}; NULLs stay null. A numeric
   * parameter whose argument is not numeric is rejected here, while the query is planned: the
   * parameters are declared ANY (see {@link #parameters}), so Calcite does not quietly insert
   * {@code CAST('text' AS DOUBLE)}, which would fail only at run time, row by row. An argument
   * of type ANY (a {@code ?} parameter, a Java object column) is checked when it arrives: a
   * {@link Number} or NULL passes, anything else is the same "must be numeric" error.
   */
  static List<Expression> arguments(DivergenceFunction f, List<RexNode> operands,
      List<Expression> arguments) {
    List<Expression> list = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      if (!f.isKey(i)) {
        RelDataType type = operands.get(i).getType();
        boolean textOption = SqlTypeUtil.isCharacter(type) && f.isOption(arguments.size(), i);
        if (type.getSqlTypeName() == SqlTypeName.ANY || textOption) {
          // checked as it arrives: a number, NULL, or an option's text that reads as one (the
          // literal '0.5' a client inlines; the aggregate sees a column either way)
          list.add(Expressions.call(Expressions.field(null, DivergenceFunction.class, f.name()),
              CoreMethod.NUMERIC_ARGUMENT.method, Expressions.constant(arguments.size()),
              Expressions.constant(i),
              Expressions.convert_(arguments.get(i), Object.class)));
          continue;
        }
        if (!SqlTypeUtil.isNumeric(type) && type.getSqlTypeName() != SqlTypeName.NULL) {
          throw f.notNumeric(arguments.size(), i, type.getFullTypeString());
        }
      }
      Expression arg = arguments.get(i);
      Expression boxed = Primitive.is(arg.getType()) ? Expressions.box(arg) : arg;
      list.add(Expressions.convert_(boxed, f.isKey(i) ? Object.class : Number.class));
    }
    return list;
  }

  static RelDataType nullableDouble(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.DOUBLE), true);
  }

  /**
   * Nullable ANY parameters, named as in SQL, for the longest form; a trailing alpha is
   * optional.
   */
  static List<FunctionParameter> parameters(DivergenceFunction f) {
    List<Integer> arities = f.arities();
    int arity = arities.get(arities.size() - 1);
    int required = arities.get(0);
    List<String> names = f.parameters(arity);
    List<FunctionParameter> list = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      int ordinal = i;
      list.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return names.get(ordinal);
        }

        @Override
        public RelDataType getType(RelDataTypeFactory typeFactory) {
          // ANY, not DOUBLE: see arguments(); numbers are checked when the call is implemented
          return typeFactory.createTypeWithNullability(
              typeFactory.createSqlType(SqlTypeName.ANY), true);
        }

        @Override
        public boolean isOptional() {
          return ordinal >= required;
        }
      });
    }
    return list;
  }
}
