package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.homogeneity.HomogeneityTest;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties every measure must keep, over thousands of generated weight vectors: zeros,
 * subnormals, weights near 2^±1000 (1e±300), two sides at different scales, and near-identical
 * pairs (q = p(1 + δ), |δ| ≤ 1e-6) next to unrelated ones.
 */
class DivergencePropertiesTest {
  /** One generated group: p and q weights of the same outcomes. */
  record Sample(double[] p, double[] q) {
    @Override
    public String toString() {
      return "p=" + java.util.Arrays.toString(p) + " q=" + java.util.Arrays.toString(q);
    }
  }

  /** One outcome; ep and eq are its own binary exponents in the wide mode. */
  record Row(double u, double v, double delta, int zeros, int ep, int eq) {}

  /**
   * Every two-sided function over pivot rows that normalises each side, from the enum: a new one
   * joins every property.
   */
  private static final Map<String, BiFunction<double[], double[], Double>> MEASURES =
      pairFunctions(false);

  /** The tests of homogeneity: their counts are the samples, so their own properties. */
  private static final Map<String, BiFunction<double[], double[], Double>> TESTS =
      pairFunctions(true);

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Map<String, BiFunction<double[], double[], Double>> pairFunctions(
      boolean tests) {
    return Arrays.stream(DivergenceFunction.values())
        .filter(f -> f.shape() == DivergenceFunction.Shape.PAIR)
        .filter(f -> HomogeneityTest.class.isAssignableFrom(f.accumulatorClass(2)) == tests)
        .collect(Collectors.toMap(DivergenceFunction::name,
            f -> (p, q) -> PairMeasure.of((PairMeasure) f.newAccumulator(2), p, q)));
  }

  private static final List<String> SYMMETRIC = Stream.of(DivergenceFunction.JS_DIVERGENCE,
      DivergenceFunction.PSI, DivergenceFunction.HELLINGER_DISTANCE,
      DivergenceFunction.TOTAL_VARIATION_DISTANCE, DivergenceFunction.L_INFINITY_DISTANCE,
      DivergenceFunction.JS_DISTANCE).map(Enum::name).toList();

  @Provide
  Arbitrary<Sample> samples() {
    Arbitrary<Row> row = Combinators.combine(
        Arbitraries.doubles().between(0, 1).ofScale(17).withSpecialValue(Double.MIN_VALUE),
        Arbitraries.doubles().between(0, 1).ofScale(17),
        Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(22),
        Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(-1074, 1023),
        Arbitraries.integers().between(-1074, 1023)).as(Row::new);
    Arbitrary<Integer> scale = Arbitraries.of(-1060, -1000, -300, -40, 0, 20, 50, 300, 900);
    Arbitrary<Integer> mode = Arbitraries.integers().between(0, 2); // same, near, unrelated
    // wide: every row at its own magnitude, so one side spans up to 2^2100 (subnormal to 1e308)
    Arbitrary<Boolean> wide = Arbitraries.of(false, false, true);
    return Combinators.combine(row.list().ofMinSize(1).ofMaxSize(40), scale, scale, mode, wide)
        .as(DivergencePropertiesTest::sample);
  }

  private static Sample sample(List<Row> rows, int scaleP, int scaleQ, int mode, boolean wide) {
    double[] p = new double[rows.size()];
    double[] q = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      Row r = rows.get(i);
      double qu = switch (mode) {
        case 0 -> r.u();
        case 1 -> r.u() * (1 + r.delta());
        default -> r.v();
      };
      // near-identical rows keep p and q at one magnitude in the wide mode too
      int sp = wide ? r.ep() : scaleP;
      int sq = wide ? (mode == 2 ? r.eq() : r.ep()) : scaleQ;
      p[i] = r.zeros() == 1 ? 0 : Math.scalb(r.u(), sp);
      q[i] = r.zeros() == 2 ? 0 : Math.scalb(qu, sq);
    }
    return new Sample(p, q);
  }

  /**
   * Equal within {@code tolerance} relative, or within 1e-300 absolute: a divergence below 1e-300
   * has lost bits to the double format itself (subnormal results keep fewer than 53).
   */
  private static void assertSame(DivergenceFunction f, String what, Double actual,
      Double expected, double tolerance) {
    Comparison how = Comparison.of(f);
    if (how == Comparison.SQUARED) {
      actual = actual == null ? null : actual * actual;
      expected = expected == null ? null : expected * expected;
    }
    if (expected == null || expected.isInfinite()) {
      assertThat(actual).as(what).isEqualTo(expected);
      return;
    }
    assertThat(actual).as(what).isNotNull();
    assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
        .isLessThanOrEqualTo(tolerance * Math.abs(expected) + how.floor);
  }

  /**
   * How a measure's value is compared, a property of the measure: within the tolerance relative,
   * or within an absolute floor.
   */
  enum Comparison {
    /** 1e-300 absolute: a divergence below it has lost bits to subnormal doubles. */
    PLAIN(1e-300),
    /**
     * Hellinger: compared as H², the quantity computed; below 1e-300 its square root amplifies
     * the lost bits.
     */
    SQUARED(1e-300),
    /**
     * TV and L∞ are first order in the difference of the sides, so the double-double totals' own
     * error (about 1e-31 relative) is a floor: full precision for TV above 1e-17.
     */
    FIRST_ORDER(1e-30);

    final double floor;

    Comparison(double floor) {
      this.floor = floor;
    }

    static Comparison of(DivergenceFunction f) {
      return switch (f) {
        case HELLINGER_DISTANCE, HELLINGER_DISTANCE_BY -> SQUARED;
        case TOTAL_VARIATION_DISTANCE, TOTAL_VARIATION_DISTANCE_BY, L_INFINITY_DISTANCE,
            L_INFINITY_DISTANCE_BY -> FIRST_ORDER;
        default -> PLAIN;
      };
    }
  }

  @Property(tries = 1500)
  void neverNegativeNorNaNAndWithinBounds(@ForAll("samples") Sample s) {
    for (var m : MEASURES.entrySet()) {
      Double v = m.getValue().apply(s.p(), s.q());
      if (v == null) {
        continue; // a side with no mass
      }
      assertThat(v).as(m.getKey()).isNotNaN().isGreaterThanOrEqualTo(0.0);
    }
    Double js = JsDivergence.of(s.p(), s.q());
    if (js != null) {
      assertThat(js).isLessThanOrEqualTo(Math.log(2));
      assertThat(HellingerDistance.of(s.p(), s.q())).isLessThanOrEqualTo(1.0);
      assertThat(TotalVariationDistance.of(s.p(), s.q())).isLessThanOrEqualTo(1.0);
      assertThat(LInfinityDistance.of(s.p(), s.q())).isLessThanOrEqualTo(1.0);
      assertThat(JsDistance.of(s.p(), s.q())).isLessThanOrEqualTo(1.0);
    }
  }

  @Property(tries = 500)
  void identicalSidesGiveExactlyZero(@ForAll("samples") Sample s) {
    for (var m : MEASURES.entrySet()) {
      if (!m.getKey().equals("CROSS_ENTROPY")) {
        Double v = m.getValue().apply(s.p(), s.p().clone());
        assertThat(v == null || v == 0.0).as("%s = %s", m.getKey(), v).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void invariantToScalingEitherSide(@ForAll("samples") Sample s,
      @ForAll("shifts") int a, @ForAll("shifts") int b) {
    double[] p = s.p().clone();
    double[] q = s.q().clone();
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.scalb(p[i], a);
      q[i] = Math.scalb(q[i], b);
      // wide samples reach 2^1023: a shift that overflows is not a scaling
      Assume.that(Double.isFinite(p[i]) && Double.isFinite(q[i]));
    }
    for (var m : MEASURES.entrySet()) {
      assertSame(DivergenceFunction.valueOf(m.getKey()), m.getKey() + " scaled", m.getValue().apply(p, q),
          m.getValue().apply(s.p(), s.q()), 1e-13);
    }
  }

  @Provide
  Arbitrary<Integer> shifts() {
    return Arbitraries.integers().between(0, 60); // up only: no new subnormals, no overflow
  }

  @Property(tries = 1000)
  void invariantToRowOrder(@ForAll("samples") Sample s, @ForAll long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < s.p().length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    double[] p = new double[s.p().length];
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = s.p()[order.get(i)];
      q[i] = s.q()[order.get(i)];
    }
    for (var m : MEASURES.entrySet()) {
      assertSame(DivergenceFunction.valueOf(m.getKey()), m.getKey() + " shuffled", m.getValue().apply(p, q),
          m.getValue().apply(s.p(), s.q()), 1e-13);
    }
  }

  @Property(tries = 1000)
  void symmetricMeasuresAreSymmetric(@ForAll("samples") Sample s) {
    for (String name : SYMMETRIC) {
      var f = MEASURES.get(name);
      assertSame(DivergenceFunction.valueOf(name), name + " swapped", f.apply(s.q(), s.p()), f.apply(s.p(), s.q()), 1e-13);
    }
  }

  @Property(tries = 1500)
  void knownInequalitiesHold(@ForAll("samples") Sample s) {
    Double kl = KlDivergence.of(s.p(), s.q());
    Assume.that(kl != null); // a side with no mass: no distribution to bound (a rejected try)
    double tv = TotalVariationDistance.of(s.p(), s.q());
    double h = HellingerDistance.of(s.p(), s.q());
    double slack = 1 + 1e-12;
    // Pinsker: TV ≤ √(KL/2)
    assertThat(tv).isLessThanOrEqualTo(Math.sqrt(kl / 2) * slack + 1e-300);
    // H² ≤ TV ≤ √2·H
    assertThat(h * h).isLessThanOrEqualTo(tv * slack + 1e-300);
    assertThat(tv).isLessThanOrEqualTo(Math.sqrt(2) * h * slack + 1e-300);
    // L∞ ≤ TV (the largest difference is at most the sum of the positive ones)
    // (both first order in the difference of the sides: the totals' error is a 1e-30 floor)
    assertThat(LInfinityDistance.of(s.p(), s.q())).isLessThanOrEqualTo(tv * slack + 1e-30);
    // the JS distance is the square root of the divergence in bits
    double jsd = JsDistance.of(s.p(), s.q());
    assertSame(DivergenceFunction.JS_DIVERGENCE, "JS_DISTANCE² · ln 2", jsd * jsd * Math.log(2), JsDivergence.of(s.p(), s.q()),
        1e-13);
    // H(P, Q) = H(P) + D(P‖Q) ≥ H(P); PSI ≥ KL
    // (below 1e-300 a divergence has lost bits to the double format: the same floor as above)
    assertThat(CrossEntropy.of(s.p(), s.q()) * slack + 1e-300)
        .isGreaterThanOrEqualTo(Entropy.of(s.p()));
    assertThat(Psi.of(s.p(), s.q()) * slack + 1e-300).isGreaterThanOrEqualTo(kl);
  }

  @Property(tries = 1000)
  @SuppressWarnings({"rawtypes", "unchecked"})
  void mergingAnySplitEqualsOnePass(@ForAll("samples") Sample s, @ForAll long seed) {
    Random r = new Random(seed);
    for (String name : MEASURES.keySet()) {
      java.util.function.Supplier<PairMeasure> f =
          () -> (PairMeasure) DivergenceFunction.valueOf(name).newAccumulator(2);
      PairMeasure single = f.get();
      for (int i = 0; i < s.p().length; i++) {
        single.add(s.p()[i], s.q()[i]);
      }
      List<PairMeasure> parts = new ArrayList<>();
      PairMeasure part = f.get();
      for (int i = 0; i < s.p().length; i++) {
        part.add(s.p()[i], s.q()[i]);
        if (r.nextInt(3) == 0) {
          parts.add(part);
          part = f.get();
        }
      }
      parts.add(part);
      while (parts.size() > 1) {
        int k = r.nextInt(parts.size() - 1);
        parts.set(k, (PairMeasure) parts.get(k).merge(parts.remove(k + 1)));
      }
      assertSame(DivergenceFunction.valueOf(name), name + " merged", parts.get(0).result(),
          single.result(), 1e-13);
    }
  }

  /**
   * The fixed-width form (Spark's, {@link FixedWidthState}) against the accumulators: each
   * sample's rows eight times over in a shuffled order (up to 320 rows, so stages begin and end),
   * in one pass and cut into parts merged in a random order, the accumulators cut and merged
   * alike; never negative, 1e-12 relative: two computations each within about 2e-13 of mpmath
   * at their worst, KL near 1e-52 from rows 2^66 apart (found by this property; there the
   * fixed-width form was the closer of the two). Below 1e-60 (H² for Hellinger), about the
   * square of the double-double totals' resolution, neither is exact: eight copies of one row
   * (KL exactly 0) give the accumulators 1e-65 and the fixed-width form 0.
   */
  @Property(tries = 500)
  @SuppressWarnings({"rawtypes", "unchecked"})
  void fixedWidthFormAgreesWithTheAccumulators(@ForAll("samples") Sample s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      for (int i = 0; i < s.p().length; i++) {
        order.add(i);
      }
    }
    java.util.Collections.shuffle(order, r);
    List<Integer> cuts = new ArrayList<>(); // a part ends after these rows
    List<Integer> merges = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      if (r.nextInt(60) == 0) {
        cuts.add(i);
      }
    }
    for (int n = cuts.size() + 1; n > 1; n--) {
      merges.add(r.nextInt(n - 1));
    }
    for (FixedWidthState.Measure m : FixedWidthState.Measure.values()) {
      java.util.function.Supplier<Accumulator> f = () ->
          DivergenceFunction.valueOf(m.name()).newAccumulator(m.unary() ? 1 : 2);
      Accumulator acc = f.get();
      double[] one = new double[m.width()];
      List<double[]> parts = new ArrayList<>(List.of(new double[m.width()]));
      List<Accumulator> accParts = new ArrayList<>(List.of(f.get()));
      for (int j = 0; j < order.size(); j++) {
        double p = s.p()[order.get(j)];
        double q = s.q()[order.get(j)];
        double[] part = parts.get(parts.size() - 1);
        Accumulator accPart = accParts.get(accParts.size() - 1);
        if (m.unary()) {
          ((UnaryAccumulator) acc).add(p);
          ((UnaryAccumulator) accPart).add(p);
          FixedWidthState.add(m, one, p);
          FixedWidthState.add(m, part, p);
        } else {
          ((BinaryAccumulator) acc).add(p, q);
          ((BinaryAccumulator) accPart).add(p, q);
          FixedWidthState.add(m, one, p, q);
          FixedWidthState.add(m, part, p, q);
        }
        if (cuts.contains(j)) {
          parts.add(new double[m.width()]);
          accParts.add(f.get());
        }
      }
      for (int k : merges) {
        FixedWidthState.merge(m, parts.get(k), parts.remove(k + 1));
        accParts.set(k, (Accumulator) accParts.get(k).merge(accParts.remove(k + 1)));
      }
      Double[][] pairs = {{FixedWidthState.result(m, one), (Double) acc.result()},
          {FixedWidthState.result(m, parts.get(0)), (Double) accParts.get(0).result()}};
      for (Double[] pair : pairs) {
        if (pair[0] != null) {
          assertThat(pair[0]).as("%s", m).isGreaterThanOrEqualTo(0.0);
        }
        if (pair[1] == null || pair[1].isInfinite() || pair[0] == null) {
          assertThat(pair[0]).as("%s", m).isEqualTo(pair[1]);
          continue;
        }
        double a = m == FixedWidthState.Measure.HELLINGER_DISTANCE ? pair[0] * pair[0] : pair[0];
        double e = m == FixedWidthState.Measure.HELLINGER_DISTANCE ? pair[1] * pair[1] : pair[1];
        assertThat(Math.abs(a - e)).as("%s: %s vs %s", m, pair[0], pair[1])
            .isLessThanOrEqualTo(1e-12 * e + 1e-60);
      }
    }
  }

  /**
   * Two samples of counts at one scale (2^-1000 to 2^900), the rows as {@link #samples} makes
   * them but never wide nor down to 2^-1074 (the tests refuse samples whose sizes are more than
   * 2^960 apart; AbstractHomogeneityTest checks that error).
   */
  @Provide
  Arbitrary<Sample> counts() {
    Arbitrary<Row> row = Combinators.combine(
        Arbitraries.doubles().between(0, 1).ofScale(17),
        Arbitraries.doubles().between(0, 1).ofScale(17),
        Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(22),
        Arbitraries.integers().between(0, 9),
        Arbitraries.just(0), Arbitraries.just(0)).as(Row::new);
    Arbitrary<Integer> scale = Arbitraries.of(-1000, -300, -40, 0, 20, 50, 300, 900);
    Arbitrary<Integer> mode = Arbitraries.integers().between(0, 2);
    return Combinators.combine(row.list().ofMinSize(1).ofMaxSize(40), scale, mode)
        .as((rows, sc, m) -> sample(rows, sc, sc, m, false));
  }

  private static int outcomes(Sample s) {
    int k = 0;
    for (int i = 0; i < s.p().length; i++) {
      k += s.p()[i] != 0 || s.q()[i] != 0 ? 1 : 0;
    }
    return k;
  }

  @Property(tries = 1500)
  void testStatisticsAreNonNegativeAndPValuesProbabilities(@ForAll("counts") Sample s) {
    for (var t : TESTS.entrySet()) {
      Double v = t.getValue().apply(s.p(), s.q());
      if (v == null) {
        // an empty sample, or a p-value of fewer than two outcomes
        assertThat(TotalVariationDistance.of(s.p(), s.q()) == null
            || t.getKey().endsWith("_PVALUE") && outcomes(s) < 2).as(t.getKey()).isTrue();
        continue;
      }
      assertThat(v).as(t.getKey()).isNotNaN().isGreaterThanOrEqualTo(0.0);
      if (t.getKey().endsWith("_PVALUE")) {
        assertThat(v).as(t.getKey()).isLessThanOrEqualTo(1.0);
      }
    }
  }

  @Property(tries = 500)
  void proportionalCountsGiveZeroAndPValueOne(@ForAll("counts") Sample s,
      @ForAll("shifts") int k) {
    double[] q = s.p().clone();
    for (int i = 0; i < q.length; i++) {
      q[i] = Math.scalb(q[i], k); // exactly proportional: a power of two loses nothing
    }
    Assume.that(Arrays.stream(q).allMatch(Double::isFinite));
    for (var t : TESTS.entrySet()) {
      Double v = t.getValue().apply(s.p(), q);
      if (v != null) {
        assertThat(v).as("%s = %s", t.getKey(), v)
            .isEqualTo(t.getKey().endsWith("_PVALUE") ? 1.0 : 0.0);
      }
    }
  }

  @Property(tries = 1000)
  void testsAreSymmetricAndScaleWithTheSamples(@ForAll("counts") Sample s,
      @ForAll("shifts") int k) {
    double[] p = s.p().clone();
    double[] q = s.q().clone();
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.scalb(p[i], k);
      q[i] = Math.scalb(q[i], k);
    }
    Assume.that(Arrays.stream(p).allMatch(Double::isFinite)
        && Arrays.stream(q).allMatch(Double::isFinite));
    for (String name : List.of("G_TEST_STATISTIC", "CHI_SQUARE_STATISTIC")) {
      var t = TESTS.get(name);
      Double v = t.apply(s.p(), s.q());
      assertSame(DivergenceFunction.valueOf(name), name + " swapped", t.apply(s.q(), s.p()), v, 1e-13);
      // both samples 2^k times as large: the statistic 2^k times as large
      assertSame(DivergenceFunction.valueOf(name), name + " scaled", t.apply(p, q), v == null ? null : Math.scalb(v, k), 1e-13);
    }
  }

  @Property(tries = 1000)
  @SuppressWarnings({"rawtypes", "unchecked"})
  void testsAreTheSameInAnyRowOrderAndSplit(@ForAll("counts") Sample s, @ForAll long seed) {
    Random r = new Random(seed);
    int n = s.p().length;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    for (String name : TESTS.keySet()) {
      DivergenceFunction f = DivergenceFunction.valueOf(name);
      Double single = TESTS.get(name).apply(s.p(), s.q());
      List<PairMeasure> parts = new ArrayList<>();
      PairMeasure part = (PairMeasure) f.newAccumulator(2);
      for (int i : order) {
        part.add(s.p()[i], s.q()[i]);
        if (r.nextInt(3) == 0) {
          parts.add(part);
          part = (PairMeasure) f.newAccumulator(2);
        }
      }
      parts.add(part);
      while (parts.size() > 1) {
        int k = r.nextInt(parts.size() - 1);
        parts.set(k, (PairMeasure) parts.get(k).merge(parts.remove(k + 1)));
      }
      // a p-value in the far tail amplifies the statistic's rounding (AbstractHomogeneityTest)
      assertSame(DivergenceFunction.valueOf(name), name + " shuffled and merged", parts.get(0).result(), single,
          name.endsWith("_PVALUE") ? 1e-11 : 1e-13);
    }
  }
}
