package io.github.divergencesql.spark;

import io.github.divergencesql.core.FixedWidthState.Measure;
import io.github.divergencesql.core.FixedWidthState;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.DeclarativeAggregate;
import org.apache.spark.sql.catalyst.expressions.codegen.FalseLiteral$;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.ShortType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code KL_DIVERGENCE}, {@code CROSS_ENTROPY}, {@code HELLINGER_DISTANCE}, {@code PSI} and
 * {@code ENTROPY} on numeric columns as a Spark declarative aggregate: the group's state is a
 * fixed-width row of doubles ({@link FixedWidthState}), so Spark runs the aggregate in its
 * generated hash aggregate (whole-stage code generation) instead of the object hash aggregate.
 * Adding a row, merging two states and the result are each one call into
 * {@link FixedWidthState}: the math stays in the core. Spark's buffer slots are written from one
 * array the call fills ({@link SparkFixedNodes.Step}, shared by the slots through Spark's common subexpression
 * elimination, {@link SparkFixedNodes.Slot} one number of it).
 *
 * <p>Built for the plain calls on DOUBLE, FLOAT, INT, BIGINT, SMALLINT or TINYINT columns (the
 * same doubles the object form converts them to); DECIMAL, smoothed and keyed calls keep
 * {@link SparkAggregate}, as does every call when the session sets
 * {@code divergencesql.spark.fixedWidth=false}.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class SparkFixedAggregate extends DeclarativeAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The session setting that turns this form off (the object form is used instead). */
  public static final String ENABLED = "divergencesql.spark.fixedWidth";

  private final DivergenceFunction function;
  private final Measure measure;
  private final Seq<Expression> children;
  private final Seq<AttributeReference> buffer;
  private transient Seq<Expression> updates;
  private transient Seq<Expression> merges;

  SparkFixedAggregate(DivergenceFunction function, Seq<Expression> children) {
    this.function = function;
    this.measure = Measure.of(function.name());
    this.children = children;
    List<AttributeReference> slots = new ArrayList<>();
    for (int i = 0; i < measure.width(); i++) {
      slots.add(new AttributeReference("s" + i, DataTypes.DoubleType, false, Metadata.empty(),
          NamedExpression.newExprId(), (Seq) scala.collection.immutable.Nil$.MODULE$));
    }
    this.buffer = CollectionConverters.asScala(slots).toList();
  }

  /**
   * True when {@code f} called on {@code arguments} has this form: a plain call of one of the
   * five measures on numeric columns that convert exactly as the object form converts them.
   */
  static boolean applies(DivergenceFunction f, Seq<Expression> arguments) {
    Measure m = Measure.of(f.name());
    if (m == null || arguments.size() != (m.unary() ? 1 : 2)) {
      return false;
    }
    for (Expression e : CollectionConverters.asJava(arguments)) {
      if (!e.resolved()) {
        return false;
      }
      DataType t = e.dataType();
      if (!(t instanceof DoubleType || t instanceof FloatType || t instanceof IntegerType
          || t instanceof LongType || t instanceof ShortType || t instanceof ByteType)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Seq<AttributeReference> aggBufferAttributes() {
    return buffer;
  }

  @Override
  public Seq<Expression> initialValues() {
    List<Expression> zeros = new ArrayList<>();
    for (int i = 0; i < measure.width(); i++) {
      zeros.add(Literal.create(0.0, DataTypes.DoubleType));
    }
    return CollectionConverters.asScala(zeros).toList();
  }

  @Override
  public Seq<Expression> updateExpressions() {
    if (updates == null) {
      List<Expression> in = new ArrayList<>(CollectionConverters.asJava(buffer));
      in.addAll(CollectionConverters.asJava(children));
      updates = slots(new SparkFixedNodes.Step(measure, false, SparkFixedNodes.seq(in)));
    }
    return updates;
  }

  @Override
  public Seq<Expression> mergeExpressions() {
    if (merges == null) {
      List<Expression> in = new ArrayList<>(CollectionConverters.asJava(buffer));
      in.addAll(CollectionConverters.asJava(inputAggBufferAttributes()));
      merges = slots(new SparkFixedNodes.Step(measure, true, SparkFixedNodes.seq(in)));
    }
    return merges;
  }

  private Seq<Expression> slots(SparkFixedNodes.Step step) {
    List<Expression> out = new ArrayList<>();
    for (int i = 0; i < measure.width(); i++) {
      out.add(new SparkFixedNodes.Slot(step, i));
    }
    return SparkFixedNodes.seq(out);
  }

  @Override
  public Expression evaluateExpression() {
    return new SparkFixedNodes.Result(measure, (Seq) buffer);
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
    return function.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    return SparkValues.checkArguments(function,
        CollectionConverters.asJava(children).toArray(new Expression[0]));
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new SparkFixedAggregate(function, newChildren);
  }

  @Override
  public int productArity() {
    return 2;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> function;
      case 1 -> children;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  /** Plans show {@code kl_divergence(p#5, q#6)}, the arguments only. */
  @Override
  public scala.collection.Iterator<Object> stringArgs() {
    return (scala.collection.Iterator) children.iterator();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof SparkFixedAggregate;
  }

  @Override
  public boolean equals(Object other) {
    // as a case class: by its arguments, not by its buffer's attribute ids (Spark's cache and
    // exchange reuse compare canonicalized plans, whose copies have fresh ones)
    return other instanceof SparkFixedAggregate o && function == o.function
        && children.equals(o.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, children);
  }
}
