package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import io.github.divergencesql.testing.ReferenceCases;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serialised partial state (what Spark ships between executors): a state written and read
 * back must give the same result, bit for bit, and merge exactly as the state it came from.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class StateCodecTest {

  static Stream<Arguments> calls() {
    List<Arguments> calls = new ArrayList<>();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.isAggregate()) {
        for (int arity : f.arities()) {
          // a KLL sketch compacts at random once it holds more than k values, so two splits of
          // many rows merge to different sketches: the APPROX_ forms are taken with k given
          // (65535, more than the cases' rows), where the sketch keeps every value;
          // ApproxTest covers the default k
          if (!f.name().startsWith("APPROX_") || f.parameters(arity).contains("k")) {
            calls.add(Arguments.of(f, arity));
          }
        }
      }
    }
    return calls.stream();
  }

  /** Row i of reference case k as the SQL arguments of {@code f} with {@code arity} arguments. */
  private static Object[] row(DivergenceFunction f, int arity, Object key, double p, double q) {
    Object[] args = new Object[arity];
    int i = 0;
    if (f.isKey(0)) {
      args[i++] = key;
    }
    args[i++] = p;
    if (i < arity) {
      args[i++] = f.shape() == DivergenceFunction.Shape.VAE ? Math.log(q) : q;
    }
    while (i < arity) { // bins 3, alpha 0.5, k 65535
      args[i] = switch (f.parameters(arity).get(i)) {
        case "bins" -> 3;
        case "k" -> 65535;
        default -> 0.5;
      };
      i++;
    }
    return args;
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("calls")
  void aStateReadBackGivesTheSameResultAndMergesTheSame(DivergenceFunction f, int arity) {
    Random random = new Random(42);
    Object[] keys = {"x", "y", null, 7, 7L, new BigDecimal("1.50"), new byte[] {1, 2}, true, -0.0,
        2.5f, (short) 3, (byte) 4, "ünï"};
    for (ReferenceCases.Case c : ReferenceCases.CASES) {
      int n = c.p().length;
      int split = random.nextInt(n + 1);
      Accumulator left = f.newAccumulator(arity);
      Accumulator right = f.newAccumulator(arity);
      Accumulator whole = f.newAccumulator(arity);
      for (int i = 0; i < n; i++) {
        Object[] args = row(f, arity, keys[i % keys.length], c.p()[i], c.q()[i] + 0.25);
        f.addRow(i < split ? left : right, args);
        f.addRow(whole, args);
      }
      Accumulator leftCopy = roundTrip(f, arity, left);
      Accumulator rightCopy = roundTrip(f, arity, right);
      assertThat(outcome(leftCopy)).as(c.name()).isEqualTo(outcome(left));
      assertThat(outcome(rightCopy)).as(c.name()).isEqualTo(outcome(right));
      // merging the copies is merging the originals: same bits
      Object expected = outcome(((Accumulator) f.newAccumulator(arity)).merge(left).merge(right));
      Object copies = outcome(roundTrip(f, arity,
          ((Accumulator) f.newAccumulator(arity)).merge(leftCopy)).merge(rightCopy));
      assertThat(copies).as(c.name()).isEqualTo(expected);
      // and a copy keeps taking rows: keys read back equal the keys added afterwards
      Object[] more = row(f, arity, keys[0], 1, 1);
      f.addRow(leftCopy, more);
      f.addRow(left, more);
      assertThat(outcome(leftCopy)).as(c.name()).isEqualTo(outcome(left));
    }
  }

  /**
   * The result, or the message of the error it raises: the tests of homogeneity refuse the
   * wide-range cases whose samples are more than 2^960 apart, and a copy must refuse them too.
   */
  private static Object outcome(Accumulator a) {
    try {
      return a.result();
    } catch (InvalidArgumentException e) {
      return e.getMessage();
    }
  }

  private static Accumulator roundTrip(DivergenceFunction f, int arity, Accumulator state) {
    return (Accumulator) StateCodec.fromBytes(f, arity, StateCodec.toBytes(f, arity, state));
  }

  @Test
  void streamingStatesHaveAFixedSizeWhateverTheRows() {
    // header 3 bytes; a side total is a double-double, an int exponent and a "has rows" flag
    // (21); KL adds its double-double sum and an infinity flag: 3 + 21 + 21 + 16 + 1 = 62
    DivergenceFunction kl = DivergenceFunction.KL_DIVERGENCE;
    Accumulator state = kl.newAccumulator(2);
    assertThat(StateCodec.toBytes(kl, 2, state)).hasSize(62);
    for (int i = 0; i < 100_000; i++) {
      kl.addRow(state, i % 7 + 1.0, i % 5 + 1.0);
    }
    assertThat(StateCodec.toBytes(kl, 2, state)).hasSize(62);
    // PSI is two KL states (3 + 2 * 59); VAE_KL a double-double and a row count (3 + 16 + 8)
    assertThat(StateCodec.toBytes(DivergenceFunction.PSI, 2,
        DivergenceFunction.PSI.newAccumulator(2))).hasSize(121);
    assertThat(StateCodec.toBytes(DivergenceFunction.VAE_KL, 2,
        DivergenceFunction.VAE_KL.newAccumulator(2))).hasSize(27);
    // Hellinger: the same streaming state as KL (62); ENTROPY: one side total and T (40)
    assertThat(StateCodec.toBytes(DivergenceFunction.HELLINGER_DISTANCE, 2,
        DivergenceFunction.HELLINGER_DISTANCE.newAccumulator(2))).hasSize(62);
    assertThat(StateCodec.toBytes(DivergenceFunction.ENTROPY, 1,
        DivergenceFunction.ENTROPY.newAccumulator(1))).hasSize(40);
  }

  @Test
  void bufferedAndKeyedStatesGrowWithRowsAndKeys() {
    DivergenceFunction js = DivergenceFunction.JS_DIVERGENCE;
    Accumulator rows = js.newAccumulator(2);
    for (int i = 0; i < 1000; i++) {
      js.addRow(rows, 1.0, 2.0);
    }
    // header, row count (4), low-parts flag (1), 16 bytes a row
    assertThat(StateCodec.toBytes(js, 2, rows)).hasSize(3 + 4 + 1 + 16_000);
    DivergenceFunction by = DivergenceFunction.KL_DIVERGENCE_BY;
    Accumulator keyed = by.newAccumulator(3);
    for (int i = 0; i < 100_000; i++) {
      by.addRow(keyed, i % 10, 1.0, 2.0);
    }
    // header, α (8), count (4), per key: tag (1) + int (4) + four doubles (32)
    assertThat(StateCodec.toBytes(by, 3, keyed)).hasSize(3 + 8 + 4 + 10 * 37);
  }

  @Test
  void bytesOfAnotherFunctionOrArityOrTruncatedAreRefused() {
    DivergenceFunction kl = DivergenceFunction.KL_DIVERGENCE;
    Accumulator state = kl.newAccumulator(2);
    kl.addRow(state, 1.0, 2.0);
    byte[] bytes = StateCodec.toBytes(kl, 2, state);
    assertThatThrownBy(() -> StateCodec.fromBytes(DivergenceFunction.PSI, 2, bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PSI: not a partial state of this function");
    assertThatThrownBy(() -> StateCodec.fromBytes(kl, 3, bytes))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateCodec.fromBytes(kl, 2, Arrays.copyOf(bytes, 30)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> StateCodec.fromBytes(kl, 2, longer))
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void bufferedRowsBeyondWhatOneByteArrayHoldsAreAClearError() {
    // the real limit is 2^31 - 64 bytes (134 million rows); the same check with a small one
    PairBuffer rows = new PairBuffer();
    for (int i = 0; i < 10; i++) {
      rows.add("JS_DIVERGENCE", 1, 0, 2, 0);
    }
    assertThatThrownBy(() -> rows.write(new java.io.DataOutputStream(
        new java.io.ByteArrayOutputStream()), 159))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("10 buffered rows do not fit one state of at most 159 bytes");
    assertThat(PairBuffer.MAX_STATE_BYTES).isEqualTo((1L << 31) - 65);
  }

  @Test
  void aKeyOfAnUnsupportedTypeIsAnErrorNotJavaSerialization() {
    DivergenceFunction by = DivergenceFunction.ENTROPY_BY;
    Accumulator state = by.newAccumulator(2);
    by.addRow(state, java.time.LocalDate.of(2026, 11, 26), 1.0);
    assertThatThrownBy(() -> StateCodec.toBytes(by, 2, state))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("ENTROPY_BY: partial state cannot be written")
        .hasMessageContaining("java.time.LocalDate");
  }
}
