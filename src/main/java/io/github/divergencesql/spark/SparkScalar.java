package io.github.divergencesql.spark;

import io.github.divergencesql.core.GaussianKl;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code GAUSSIAN_KL(mu1, sigma1, mu2, sigma2)} in Spark SQL: a strict scalar (NULL in, NULL out)
 * over {@link GaussianKl}.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class SparkScalar extends Expression
    implements CodegenFallback, Serializable {
  private static final long serialVersionUID = 1L;

  private final Seq<Expression> children;
  private final Expression[] arguments;

  public SparkScalar(Seq<Expression> children) {
    this.children = children;
    this.arguments = CollectionConverters.asJava(children).toArray(new Expression[0]);
  }

  @Override
  public Seq<Expression> children() {
    return children;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public DataType dataType() {
    return DataTypes.DoubleType;
  }

  @Override
  public String prettyName() {
    return DivergenceFunction.GAUSSIAN_KL.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    return SparkValues.checkArguments(DivergenceFunction.GAUSSIAN_KL, arguments);
  }

  @Override
  public Object eval(InternalRow input) {
    Number[] v = new Number[arguments.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (Number) SparkValues.external(arguments[i].eval(input));
    }
    try {
      return GaussianKl.ofNullable(v[0], v[1], v[2], v[3]);
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    return CodegenFallback.super.doGenCode(ctx, ev);
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new SparkScalar(newChildren);
  }

  @Override
  public int productArity() {
    return 1;
  }

  @Override
  public Object productElement(int n) {
    if (n != 0) {
      throw new IndexOutOfBoundsException(n);
    }
    return children;
  }

  /** Plans show {@code kl_divergence(p#5, q#6)}, the arguments only. */
  @Override
  public scala.collection.Iterator<Object> stringArgs() {
    return (scala.collection.Iterator) children.iterator();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof SparkScalar;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SparkScalar o && children.equals(o.children);
  }

  @Override
  public int hashCode() {
    return children.hashCode();
  }
}
