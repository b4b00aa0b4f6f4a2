package io.github.divergencesql.spark;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.errors.QueryCompilationErrors;
import org.apache.spark.sql.internal.SQLConf;
import scala.Function1;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark form of every {@link DivergenceFunction}: a name, a description for
 * {@code DESCRIBE FUNCTION}, and a builder that picks the accumulator by argument count (Spark's
 * UDF registry allows one arity per name; a builder allows the optional alpha).
 */
final class SparkFunctions {
  private SparkFunctions() {}

  /** (name, description, builder) for each function, as Spark's function registry takes them. */
  static List<Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>>>
      descriptions() {
    List<Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>>> all =
        new ArrayList<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      String name = f.name().toLowerCase(Locale.ROOT);
      Class<?> implementation = f.isAggregate() ? SparkAggregate.class : SparkScalar.class;
      ExpressionInfo info = new ExpressionInfo(implementation.getName(), null, name,
          f.signature() + " - divergence-sql " + (f.isAggregate() ? "aggregate" : "function")
              + ", in nats (see divergence-sql docs/functions.md)", "");
      all.add(new Tuple3<>(new FunctionIdentifier(name), info, arguments -> build(f, arguments)));
    }
    return all;
  }

  static Expression build(DivergenceFunction f, Seq<Expression> arguments) {
    int n = arguments.size();
    if (!f.arities().contains(n)) {
      List<Object> valid = new ArrayList<>(f.arities());
      throw SparkFunctions.<RuntimeException>rethrow(QueryCompilationErrors.wrongNumArgsError(f.name().toLowerCase(Locale.ROOT),
          CollectionConverters.asScala(valid).toSeq(), n,
          QueryCompilationErrors.wrongNumArgsError$default$4(),
          QueryCompilationErrors.wrongNumArgsError$default$5(),
          QueryCompilationErrors.wrongNumArgsError$default$6()));
    }
    if (!f.isAggregate()) {
      return new SparkScalar(arguments);
    }
    if (SparkFixedAggregate.applies(f, arguments) && fixedWidthEnabled()) {
      return new SparkFixedAggregate(f, arguments);
    }
    return new SparkAggregate(f, arguments);
  }

  /** The session's {@link SparkFixedAggregate#ENABLED} setting, on unless set to false. */
  private static boolean fixedWidthEnabled() {
    return !"false".equalsIgnoreCase(
        SQLConf.get().getConfString(SparkFixedAggregate.ENABLED, "true"));
  }

  /** Throws Spark's AnalysisException, a checked exception in Java's eyes but not Scala's. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }
}
