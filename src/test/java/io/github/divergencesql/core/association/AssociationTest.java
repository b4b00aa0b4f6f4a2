package io.github.divergencesql.core.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.SqlKeys;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.core.registry.StateCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The association measures against association.py (mpmath at 80 digits from the exact counts;
 * scipy 1.17's contingency.association agrees to 1e-15 except near independence, where it loses
 * nine digits): every case in any row order, split and merged, and through the state codec.
 */
class AssociationTest {
  record Cell(String x, String y, long count) {
  }

  private static final Map<String, List<Cell>> CELLS = new LinkedHashMap<>();
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    try {
      for (String line : Files.readAllLines(
          Path.of("src/test/resources/reference/association.txt"))) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        if (f[0].equals("cell")) {
          CELLS.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new Cell(label(f[2]),
              label(f[3]), Long.parseLong(f[4])));
        } else {
          EXPECTED.put(f[0] + " " + f[1], f[2]);
        }
      }
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static String label(String s) {
    return s.equals("NULL") ? null : s;
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String name : CELLS.keySet()) {
      for (Association.Measure m : Association.Measure.values()) {
        all.add(Arguments.of(name, m));
      }
    }
    return all.stream();
  }

  /** The case's observations, one per row where counts are small, else one per cell. */
  private static List<Cell> rows(String name) {
    List<Cell> rows = new ArrayList<>();
    for (Cell c : CELLS.get(name)) {
      if (c.count() <= 100) {
        for (long i = 0; i < c.count(); i++) {
          rows.add(new Cell(c.x(), c.y(), 1));
        }
      } else {
        rows.add(c);
      }
    }
    return rows;
  }

  private static void add(Association a, Cell c) {
    if (c.count() == 1) {
      a.addRow(new Object[] {c.x(), c.y()});
    } else {
      a.table().add(c.x(), c.y(), c.count());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTheReferencesInAnyOrderSplitAndThroughTheCodec(String name,
      Association.Measure m) {
    String want = EXPECTED.get(name + " " + m.name());
    DivergenceFunction f = DivergenceFunction.valueOf(m.name());
    List<Cell> rows = rows(name);
    Random random = new Random(3);
    for (int trial = 0; trial < 4; trial++) {
      if (trial > 0) {
        Collections.shuffle(rows, random);
      }
      int split = trial == 0 ? rows.size() : random.nextInt(rows.size() + 1);
      Association a = new Association(m);
      Association b = new Association(m);
      for (int i = 0; i < rows.size(); i++) {
        add(i < split ? a : b, rows.get(i));
      }
      if (trial == 3) {
        a = (Association) StateCodec.fromBytes(f, 2, StateCodec.toBytes(f, 2, a));
      }
      Double got = a.merge(b).result();
      if (want.equals("NULL")) {
        assertThat(got).as("%s %s", name, m).isNull();
      } else {
        BigDecimal exact = new BigDecimal(want);
        assertThat(got).as("%s %s", name, m).isNotNull();
        double error = exact.signum() == 0 ? Math.abs(got)
            : new BigDecimal(got).subtract(exact).abs()
                .divide(exact.abs(), java.math.MathContext.DECIMAL64).doubleValue();
        assertThat(error).as("%s %s: got %s, want %s", name, m, got, want)
            .isLessThanOrEqualTo(2e-15);
      }
    }
  }

  @Test
  void everyCaseHasEveryMeasure() {
    assertThat(CELLS).hasSize(11);
    for (String name : CELLS.keySet()) {
      for (Association.Measure m : Association.Measure.values()) {
        assertThat(EXPECTED).containsKey(name + " " + m.name());
      }
    }
  }

  @Test
  void anEmptyGroupIsNull() {
    for (Association.Measure m : Association.Measure.values()) {
      assertThat(new Association(m).result()).as(m.name()).isNull();
    }
  }

  @Test
  void valuesAreCategoriesAsSqlComparesThem() {
    // DECIMAL 1.0 = 1.00 = 1, -0.0 = 0.0, byte strings by content, NULL one category: two x
    // values, two y values, functional, so U = 1 (and I = ln 2: two equally likely values)
    Association a = new Association(Association.Measure.MUTUAL_INFORMATION);
    a.addNullable(new BigDecimal("1.0"), new byte[] {1, 2});
    a.addNullable(new BigDecimal("1.00"), new byte[] {1, 2});
    a.addNullable(null, -0.0);
    a.addNullable(null, 0.0);
    assertThat(a.result()).isEqualTo(Math.log(2));
    assertThat(SqlKeys.sqlKey(-0.0)).isEqualTo(0.0);
  }

  @Test
  void distinctPairsPastTheLimitAreOurError() {
    System.setProperty(SqlKeys.MAX_KEYS_PROPERTY, "100");
    try {
      Association a = new Association(Association.Measure.CRAMERS_V);
      for (int i = 0; i < 100; i++) {
        a.addNullable(i % 10, i / 10);
      }
      assertThatThrownBy(() -> a.addNullable(0, 10))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("CRAMERS_V: x, y exceed the limit of 100 distinct (x, y) pairs")
          .hasMessageContaining(SqlKeys.MAX_KEYS_PROPERTY);
      // a pair seen before is no new pair
      a.addNullable(3, 4);
    } finally {
      System.clearProperty(SqlKeys.MAX_KEYS_PROPERTY);
    }
  }

  @Test
  void aCorruptStateIsRefused() {
    Accumulator<?> a = DivergenceFunction.THEILS_U.newAccumulator(2);
    DivergenceFunction.THEILS_U.addRow(a, "a", "b");
    byte[] bytes = StateCodec.toBytes(DivergenceFunction.THEILS_U, 2, a);
    bytes[bytes.length - 1] = 0; // the last cell's count: 0
    assertThatThrownBy(() -> StateCodec.fromBytes(DivergenceFunction.THEILS_U, 2, bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("THEILS_U: not a partial state of this function")
        .hasMessageContaining("count 0");
  }
}
