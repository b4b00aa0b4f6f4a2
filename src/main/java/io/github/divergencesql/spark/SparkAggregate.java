package io.github.divergencesql.spark;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.BinaryAccumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.ImperativeAggregate;
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One divergence aggregate in Spark SQL: Spark's typed imperative aggregate (the state is a Java
 * object per group) over the core accumulator. Rows go to {@link DivergenceFunction#addRow}, the
 * partial aggregate between executors is the accumulator's {@link StateCodec} bytes, merging is
 * the accumulator's merge: the math and the NULL rules are the ones H2 and Calcite run.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class SparkAggregate extends TypedImperativeAggregate<Accumulator>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DivergenceFunction function;
  private final Seq<Expression> children;
  private final Expression[] arguments;
  private final int mutableAggBufferOffset;
  private final int inputAggBufferOffset;
  /** A two-argument call of a two-sided measure on DOUBLE columns. */
  private final boolean doublePair;
  /** For such a call bound to input columns (as executed), their ordinals; else -1. */
  private final int pColumn;
  private final int qColumn;

  public SparkAggregate(DivergenceFunction function, Seq<Expression> children,
      int mutableAggBufferOffset, int inputAggBufferOffset) {
    this.function = function;
    this.children = children;
    this.arguments = CollectionConverters.asJava(children).toArray(new Expression[0]);
    this.mutableAggBufferOffset = mutableAggBufferOffset;
    this.inputAggBufferOffset = inputAggBufferOffset;
    this.doublePair = function.shape() == DivergenceFunction.Shape.PAIR && arguments.length == 2
        && children.forall(Expression::resolved)
        && arguments[0].dataType() == DataTypes.DoubleType
        && arguments[1].dataType() == DataTypes.DoubleType;
    boolean bound = doublePair && arguments[0] instanceof BoundReference
        && arguments[1] instanceof BoundReference;
    this.pColumn = bound ? ((BoundReference) arguments[0]).ordinal() : -1;
    this.qColumn = bound ? ((BoundReference) arguments[1]).ordinal() : -1;
  }

  public SparkAggregate(DivergenceFunction function, Seq<Expression> children) {
    this(function, children, 0, 0);
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
    return function.returnsBoolean() ? DataTypes.BooleanType : DataTypes.DoubleType;
  }

  @Override
  public String prettyName() {
    return function.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public TypeCheckResult checkInputDataTypes() {
    return SparkValues.checkArguments(function, arguments);
  }

  @Override
  public Accumulator createAggregationBuffer() {
    return function.newAccumulator(arguments.length);
  }

  @Override
  public Accumulator update(Accumulator buffer, InternalRow input) {
    try {
      if (pColumn >= 0 && !input.isNullAt(pColumn) && !input.isNullAt(qColumn)) {
        // the common call on two non-NULL DOUBLE columns: no boxing, no argument array
        ((BinaryAccumulator) buffer).add(input.getDouble(pColumn), input.getDouble(qColumn));
        return buffer;
      }
      if (doublePair) { // NULLs (the pivot rule) or computed arguments
        ((BinaryAccumulator) buffer).addNullable((Double) arguments[0].eval(input),
            (Double) arguments[1].eval(input));
        return buffer;
      }
      Object[] row = new Object[arguments.length];
      for (int i = 0; i < row.length; i++) {
        row[i] = SparkValues.external(arguments[i].eval(input));
      }
      function.addRow(buffer, row);
      return buffer;
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  @Override
  public Accumulator merge(Accumulator buffer, Accumulator input) {
    try {
      return buffer.merge(input); // alpha differing between partitions fails here
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  @Override
  public Object eval(Accumulator buffer) {
    try {
      Double result = buffer.result(); // a group the measure refuses as a whole fails here
      return function.returnsBoolean() ? DivergenceFunction.truth(result) : result;
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  @Override
  public byte[] serialize(Accumulator buffer) {
    try {
      return StateCodec.toBytes(function, arguments.length, buffer);
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  @Override
  public Accumulator deserialize(byte[] bytes) {
    return StateCodec.fromBytes(function, arguments.length, bytes);
  }

  @Override
  public int mutableAggBufferOffset() {
    return mutableAggBufferOffset;
  }

  @Override
  public ImperativeAggregate withNewMutableAggBufferOffset(int offset) {
    return new SparkAggregate(function, children, offset, inputAggBufferOffset);
  }

  @Override
  public int inputAggBufferOffset() {
    return inputAggBufferOffset;
  }

  @Override
  public ImperativeAggregate withNewInputAggBufferOffset(int offset) {
    return new SparkAggregate(function, children, mutableAggBufferOffset, offset);
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new SparkAggregate(function, newChildren, mutableAggBufferOffset,
        inputAggBufferOffset);
  }

  // Spark's trees are Scala case classes; these make this one behave as one would.

  @Override
  public int productArity() {
    return 4;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> function;
      case 1 -> children;
      case 2 -> mutableAggBufferOffset;
      case 3 -> inputAggBufferOffset;
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
    return other instanceof SparkAggregate;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SparkAggregate o && function == o.function
        && children.equals(o.children) && mutableAggBufferOffset == o.mutableAggBufferOffset
        && inputAggBufferOffset == o.inputAggBufferOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, children, mutableAggBufferOffset, inputAggBufferOffset);
  }
}
