package io.github.divergencesql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark adapter phase by phase, without a session (as DataSketches tests its Hive wrapper):
 * update on each executor, serialise the partial state, read it back and merge, evaluate; and
 * the plan-time type check. Reference: the seed example, mpmath 0.098082925301172643645.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class SparkAggregateTest {
  private static final double SEED_KL = 0.098082925301172643645;
  private static final Object[][] SEED = {{0.2, 0.1}, {0.3, 0.4}, {0.4, 0.3}, {0.1, 0.2}};

  private static SparkAggregate aggregate(DivergenceFunction f, DataType... types) {
    List<Expression> columns = new java.util.ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      columns.add(new BoundReference(i, types[i], true));
    }
    return new SparkAggregate(f, CollectionConverters.asScala(columns).toList());
  }

  private static GenericInternalRow row(Object... values) {
    return new GenericInternalRow(values);
  }

  @Test
  void updateOnTwoExecutorsThenShipMergeAndEvaluate() {
    SparkAggregate kl = aggregate(DivergenceFunction.KL_DIVERGENCE, DataTypes.DoubleType,
        DataTypes.DoubleType);
    Accumulator left = kl.createAggregationBuffer();
    Accumulator right = kl.createAggregationBuffer();
    for (int i = 0; i < SEED.length; i++) {
      kl.update(i < 2 ? left : right, row(SEED[i]));
    }
    byte[] shipped = kl.serialize(right);
    assertThat(shipped).hasSize(62); // StateCodec: header 3, two side totals 2 × 21, V 16, flag 1
    Accumulator merged = kl.merge(kl.deserialize(kl.serialize(left)), kl.deserialize(shipped));
    assertThat((Double) kl.eval(merged)).isCloseTo(SEED_KL, within(SEED_KL * 1e-15));
  }

  @Test
  void anEmptyStateEvaluatesToNullAndAPivotNullIsZeroMass() {
    SparkAggregate kl = aggregate(DivergenceFunction.KL_DIVERGENCE, DataTypes.DoubleType,
        DataTypes.DoubleType);
    Accumulator state = kl.createAggregationBuffer();
    assertThat(kl.eval(state)).isNull();
    kl.update(state, row(null, null)); // no outcome
    assertThat(kl.eval(state)).isNull();
    kl.update(state, row(1.0, null)); // p has mass where q has none
    kl.update(state, row(1.0, 1.0));
    assertThat(kl.eval(state)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void sparkInternalValuesReachTheCoreAsSqlValues() {
    // DECIMAL keys 1.0 and 1.00 are one category, strings arrive as UTF8String:
    // categories a: (2, 1), b: (1, 2) → KL = (2/3) ln 2 − (1/3) ln 2 = ln(2)/3 (by hand)
    SparkAggregate byDecimal = aggregate(DivergenceFunction.KL_DIVERGENCE_BY,
        DataTypes.createDecimalType(3, 2), DataTypes.IntegerType, DataTypes.IntegerType);
    Accumulator state = byDecimal.createAggregationBuffer();
    byDecimal.update(state, row(Decimal.apply(new BigDecimal("1.0")), 1, 1));
    byDecimal.update(state, row(Decimal.apply(new BigDecimal("1.00")), 1, null));
    byDecimal.update(state, row(Decimal.apply(new BigDecimal("2.00")), 1, 2));
    Accumulator shipped = byDecimal.deserialize(byDecimal.serialize(state));
    assertThat((Double) byDecimal.eval(shipped)).isCloseTo(Math.log(2) / 3, within(1e-16));

    SparkAggregate byString = aggregate(DivergenceFunction.KL_DIVERGENCE_BY,
        DataTypes.StringType, DataTypes.createDecimalType(2, 1), DataTypes.DoubleType);
    Accumulator s = byString.createAggregationBuffer();
    byString.update(s, row(UTF8String.fromString("a"), Decimal.apply(new BigDecimal("2.0")), 1.0));
    byString.update(s, row(UTF8String.fromString("b"), Decimal.apply(new BigDecimal("1.0")), 2.0));
    assertThat((Double) byString.eval(s)).isCloseTo(Math.log(2) / 3, within(1e-16));
  }

  @Test
  void aBadValueRaisesTheCoreErrorAsASparkErrorWithItsSqlState() {
    SparkAggregate psi = aggregate(DivergenceFunction.PSI, DataTypes.DoubleType,
        DataTypes.DoubleType, DataTypes.IntegerType);
    Accumulator state = psi.createAggregationBuffer();
    assertThatThrownBy(() -> psi.update(state, row(-2.0, 1.0, 1)))
        .isInstanceOf(DivergenceSparkException.class)
        .hasMessage("PSI: p must be a finite non-negative weight, got -2.0")
        .hasCauseInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(((DivergenceSparkException) e).getSqlState())
            .isEqualTo("22023"));
  }

  @Test
  void alphaDifferingBetweenTwoPartialStatesFailsTheMerge() {
    SparkAggregate smoothed = aggregate(DivergenceFunction.KL_DIVERGENCE, DataTypes.DoubleType,
        DataTypes.DoubleType, DataTypes.DoubleType);
    Accumulator one = smoothed.createAggregationBuffer();
    Accumulator two = smoothed.createAggregationBuffer();
    smoothed.update(one, row(1.0, 2.0, 1.0));
    smoothed.update(two, row(1.0, 2.0, 0.5));
    assertThatThrownBy(() -> smoothed.merge(one, smoothed.deserialize(smoothed.serialize(two))))
        .isInstanceOf(DivergenceSparkException.class)
        .hasMessage("KL_DIVERGENCE: alpha must be the same on every row of a group "
            + "(first was 1.0), got 0.5");
  }

  @Test
  void theTypeCheckNamesTheFunctionArgumentAndType() {
    TypeCheckResult ok = aggregate(DivergenceFunction.ENTROPY_BY, DataTypes.DateType,
        DataTypes.LongType).checkInputDataTypes();
    assertThat(ok.isSuccess()).isTrue();
    TypeCheckResult text = aggregate(DivergenceFunction.JS_DIVERGENCE, DataTypes.DoubleType,
        DataTypes.StringType).checkInputDataTypes();
    assertThat(text.isFailure()).isTrue();
    assertThat(((TypeCheckResult.TypeCheckFailure) text).message())
        .isEqualTo("JS_DIVERGENCE: q must be numeric, got STRING");
    TypeCheckResult key = aggregate(DivergenceFunction.PSI_BY,
        DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType),
        DataTypes.DoubleType, DataTypes.DoubleType).checkInputDataTypes();
    assertThat(((TypeCheckResult.TypeCheckFailure) key).message())
        .isEqualTo("PSI_BY: key must be a number, string, binary, boolean, date or timestamp, "
            + "got MAP<STRING, INT>");
  }

  @Test
  void copiesKeepFunctionAndOffsetsAndCompareByValue() {
    SparkAggregate kl = aggregate(DivergenceFunction.KL_DIVERGENCE, DataTypes.DoubleType,
        DataTypes.DoubleType);
    SparkAggregate moved = (SparkAggregate) kl.withNewMutableAggBufferOffset(3)
        .withNewInputAggBufferOffset(5);
    assertThat(moved.mutableAggBufferOffset()).isEqualTo(3);
    assertThat(moved.inputAggBufferOffset()).isEqualTo(5);
    assertThat(moved).isNotEqualTo(kl);
    assertThat(kl.withNewMutableAggBufferOffset(0)).isEqualTo(kl).hasSameHashCodeAs(kl);
    // plans show the function and its arguments only
    assertThat(moved.toString())
        .isEqualTo("kl_divergence(input[0, double, true], input[1, double, true])");
  }
}
