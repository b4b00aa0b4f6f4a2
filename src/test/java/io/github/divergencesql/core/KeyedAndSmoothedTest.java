package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.testing.ReferenceCases;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The keyed (NAME_BY) and smoothed (trailing alpha) forms, with hand-derived values. */
class KeyedAndSmoothedTest {
  private static final double TOL = 1e-15;
  private static final double SEED_KL = 0.1 * Math.log(8.0 / 3); // seed example, by hand

  private static Keyed<KlDivergence> klBy() {
    return new Keyed<>("KL_DIVERGENCE_BY", KlDivergence::new);
  }

  @Test
  void rowsWithEqualKeysAreOneOutcome() {
    // the seed example in long form: grade A's p of 0.2 arrives as 0.05 + 0.15, and so on
    Keyed<KlDivergence> kl = klBy();
    kl.addNullable("A", 0.05, null);
    kl.addNullable("B", 0.3, 0.4);
    kl.addNullable("A", 0.15, 0.1);
    kl.addNullable("C", null, 0.3);
    kl.addNullable("D", 0.1, 0.2);
    kl.addNullable("C", 0.4, null);
    kl.addNullable("E", null, null); // both NULL: no outcome
    assertThat(kl.result()).isCloseTo(SEED_KL, within(TOL));
  }

  @Test
  void rawEventsCountOnePerRow() {
    // arm A saw x, x, y; arm B saw x, y, y, y: p = (2/3, 1/3), q = (1/4, 3/4)
    Keyed<KlDivergence> kl = klBy();
    String[][] events = {{"A", "x"}, {"B", "x"}, {"A", "x"}, {"B", "y"}, {"A", "y"}, {"B", "y"},
        {"B", "y"}};
    for (String[] e : events) {
      kl.addNullable(e[1], e[0].equals("A") ? 1 : null, e[0].equals("B") ? 1 : null);
    }
    double expected = 2.0 / 3 * Math.log((2.0 / 3) / 0.25) + 1.0 / 3 * Math.log((1.0 / 3) / 0.75);
    assertThat(kl.result()).isCloseTo(expected, within(TOL));
  }

  @Test
  void aCategorySeenOnOneSideOnly() {
    // 'z' only in p: p = (½, ¼, ¼), q = (½, ½, 0)
    Keyed<KlDivergence> kl = klBy();
    Keyed<JsDivergence> js = new Keyed<>("JS_DIVERGENCE_BY", JsDivergence::new);
    Keyed<TotalVariationDistance> tv =
        new Keyed<>("TOTAL_VARIATION_DISTANCE_BY", TotalVariationDistance::new);
    Object[][] rows = {{"x", 2, 1}, {"y", 1, 1}, {"z", 1, null}};
    for (Object[] r : rows) {
      kl.addNullable(r[0], (Number) r[1], (Number) r[2]);
      js.addNullable(r[0], (Number) r[1], (Number) r[2]);
      tv.addNullable(r[0], (Number) r[1], (Number) r[2]);
    }
    assertThat(kl.result()).isEqualTo(Double.POSITIVE_INFINITY);
    // TV = ½(0 + ¼ + ¼) = ¼; JS: m = (½, ⅜, ⅛): ½[¼ln(⅔) + ¼ln 8] + ½[½ln(4/3)] = ...
    assertThat(tv.result()).isCloseTo(0.25, within(TOL));
    double jsExpected = 0.5 * (0.25 * Math.log(0.25 / 0.375) + 0.25 * Math.log(0.25 / 0.125))
        + 0.5 * (0.5 * Math.log(0.5 / 0.375));
    assertThat(js.result()).isCloseTo(jsExpected, within(TOL));
  }

  @Test
  void nullKeysFormOneCategory() {
    // (NULL: p 1), (NULL: q 1), (k: 1, 3): p = (½, ½), q = (¼, ¾)
    Keyed<KlDivergence> kl = klBy();
    kl.addNullable(null, 1, null);
    kl.addNullable(null, null, 1);
    kl.addNullable("k", 1, 3);
    double expected = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
    assertThat(kl.result()).isCloseTo(expected, within(TOL));
  }

  @Test
  void keysCompareAsSqlDoes() {
    // DECIMAL 1.0 and 1.00 are one key, as are -0.0 and 0.0: two categories, p = q
    Keyed<TotalVariationDistance> tv =
        new Keyed<>("TOTAL_VARIATION_DISTANCE_BY", TotalVariationDistance::new);
    tv.addNullable(new BigDecimal("1.0"), 1, null);
    tv.addNullable(new BigDecimal("1.00"), null, 1);
    tv.addNullable(-0.0, 2, null);
    tv.addNullable(0.0, null, 2);
    assertThat(tv.result()).isEqualTo(0.0);
    Keyed<TotalVariationDistance> bytes =
        new Keyed<>("TOTAL_VARIATION_DISTANCE_BY", TotalVariationDistance::new);
    bytes.addNullable(new byte[] {1, 2}, 1, null);
    bytes.addNullable(new byte[] {1, 2}, null, 1);
    assertThat(bytes.result()).isEqualTo(0.0);
  }

  @Test
  void smoothingWithAZeroBin() {
    // counts p = (3, 1, 0), q = (2, 1, 1), α = 1: p' = (4, 2, 1)/7, q' = (3, 2, 2)/7
    // KL = (4 ln(4/3) + 2 ln 1 + ln(½)) / 7
    double expected = (4 * Math.log(4.0 / 3) - Math.log(2)) / 7;
    Smoothed<KlDivergence> plain = new Smoothed<>("KL_DIVERGENCE", new KlDivergence());
    plain.addNullable(3, 2, 1);
    plain.addNullable(1, 1, 1);
    plain.addNullable(null, 1, 1); // NULL p is a 0, then smoothed
    plain.addNullable(null, null, 1); // no outcome, not smoothed
    assertThat(plain.result()).isCloseTo(expected, within(TOL));
    Keyed<KlDivergence> keyed = klBy();
    keyed.addNullable("a", 2, 2, 1);
    keyed.addNullable("a", 1, null, 1);
    keyed.addNullable("b", 1, 1, 1);
    keyed.addNullable("c", null, 1, 1);
    assertThat(keyed.result()).isCloseTo(expected, within(TOL));
    // reversed, the zero bin makes the unsmoothed KL(Q‖P) infinite; smoothed it is
    // (3 ln(3/4) + 2 ln(2/2) + 2 ln(2/1)) / 7
    assertThat(KlDivergence.of(new double[] {2, 1, 1}, new double[] {3, 1, 0}))
        .isEqualTo(Double.POSITIVE_INFINITY);
    Smoothed<KlDivergence> reversed = new Smoothed<>("KL_DIVERGENCE", new KlDivergence());
    reversed.addNullable(2, 3, 1);
    reversed.addNullable(1, 1, 1);
    reversed.addNullable(1, 0, 1);
    assertThat(reversed.result())
        .isCloseTo((3 * Math.log(0.75) + 2 * Math.log(2)) / 7, within(TOL));
  }

  @Test
  void zeroAlphaIsNoSmoothing() {
    Smoothed<KlDivergence> kl = new Smoothed<>("KL_DIVERGENCE", new KlDivergence());
    kl.addNullable(0.2, 0.1, 0);
    kl.addNullable(0.3, 0.4, 0.0);
    kl.addNullable(0.4, 0.3, 0);
    kl.addNullable(0.1, 0.2, -0.0);
    assertThat(kl.result()).isCloseTo(SEED_KL, within(TOL));
  }

  @Test
  void alphaMustBeANonNegativeConstant() {
    Smoothed<Psi> psi = new Smoothed<>("PSI", new Psi());
    psi.addNullable(1, 2, 0.5);
    assertThatThrownBy(() -> psi.addNullable(1, 2, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("PSI: alpha must be the same on every row of a group (first was 0.5), got 1.0");
    assertThatThrownBy(() -> psi.addNullable(1, 2, -1))
        .hasMessage("PSI: alpha must be a finite non-negative number, got -1.0");
    assertThatThrownBy(() -> psi.addNullable(1, 2, Double.NaN))
        .hasMessageStartingWith("PSI: alpha must be a finite non-negative number, got NaN");
    assertThatThrownBy(() -> psi.addNullable(1, 2, null))
        .hasMessageStartingWith("PSI: alpha must not be NULL");
    Keyed<Psi> keyed = new Keyed<>("PSI_BY", Psi::new);
    keyed.addNullable("a", 1, 1, 2);
    assertThatThrownBy(() -> keyed.addNullable("b", 1, 1, 3))
        .hasMessageStartingWith("PSI_BY: alpha must be the same on every row");
    // merging two parts smoothed differently is the same error
    Smoothed<Psi> other = new Smoothed<>("PSI", new Psi());
    other.addNullable(1, 1, 0.25);
    assertThatThrownBy(() -> psi.merge(other))
        .hasMessageStartingWith("PSI: alpha must be the same on every row");
  }

  @Test
  void badWeightsInKeyedFormsAreErrors() {
    Keyed<KlDivergence> kl = klBy();
    assertThatThrownBy(() -> kl.addNullable("a", -1, 1))
        .hasMessage("KL_DIVERGENCE_BY: p must be a finite non-negative weight, got -1.0");
    assertThatThrownBy(() -> kl.addNullable("a", 1, Double.NaN))
        .hasMessage("KL_DIVERGENCE_BY: q must be a finite non-negative weight, got NaN");
    assertThat(kl.result()).isNull(); // nothing half-written
    KeyedEntropy h = new KeyedEntropy();
    assertThatThrownBy(() -> h.addNullable("a", Double.POSITIVE_INFINITY))
        .hasMessage("ENTROPY_BY: w must be a finite non-negative weight, got Infinity");
  }

  @Test
  void entropyByOfRawValues() {
    // values a, a, b, c: counts (2, 1, 1): H = −(½ln½ + 2·¼ln¼) = 1.5 ln 2; NULL weights ignored
    KeyedEntropy h = new KeyedEntropy();
    for (String v : new String[] {"a", "b", "a", "c"}) {
      h.addNullable(v, 1);
    }
    h.addNullable("d", null);
    assertThat(h.result()).isCloseTo(1.5 * Math.log(2), within(TOL));
    assertThat(new KeyedEntropy().result()).isNull();
  }

  @Test
  void keyedMergeInAnySplitGivesTheSinglePassValue() {
    Random r = new Random(11);
    for (int trial = 0; trial < 100; trial++) {
      int n = 1 + r.nextInt(400);
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Integer key = r.nextInt(10) == 0 ? null : r.nextInt(30);
        Double p = r.nextInt(4) == 0 ? null : r.nextDouble();
        Double q = r.nextInt(4) == 0 ? null : r.nextDouble();
        rows.add(new Object[] {key, p, q});
      }
      Keyed<JsDivergence> single = new Keyed<>("JS_DIVERGENCE_BY", JsDivergence::new);
      Keyed<KlDivergence> singleKl = klBy();
      rows.forEach(x -> single.addNullable(x[0], (Number) x[1], (Number) x[2]));
      rows.forEach(x -> singleKl.addNullable(x[0], (Number) x[1], (Number) x[2], 0.5));
      int cut = r.nextInt(n + 1);
      Keyed<JsDivergence> left = new Keyed<>("JS_DIVERGENCE_BY", JsDivergence::new);
      Keyed<JsDivergence> right = new Keyed<>("JS_DIVERGENCE_BY", JsDivergence::new);
      Keyed<KlDivergence> leftKl = klBy();
      Keyed<KlDivergence> rightKl = klBy();
      for (int i = 0; i < n; i++) {
        Object[] x = rows.get(i);
        (i < cut ? left : right).addNullable(x[0], (Number) x[1], (Number) x[2]);
        (i < cut ? leftKl : rightKl).addNullable(x[0], (Number) x[1], (Number) x[2], 0.5);
      }
      Double js = right.merge(left).result(); // categories now in another order
      Double kl = rightKl.merge(leftKl).result();
      assertClose(js, single.result());
      assertClose(kl, singleKl.result());
    }
  }

  @Test
  void keyedFormsKeepTheReferenceAccuracy() {
    // every reference case in long form: each weight split into two exact halves on separate
    // rows, p and q rows apart, keys shuffled; the mpmath references must still hold to 1e-12
    Random r = new Random(5);
    for (ReferenceCases.Case c : ReferenceCases.CASES) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < c.p().length; i++) {
        rows.add(new Object[] {i, c.p()[i] / 2, null});
        rows.add(new Object[] {i, null, c.q()[i] / 2});
        rows.add(new Object[] {i, c.p()[i] / 2, c.q()[i] / 2});
      }
      java.util.Collections.shuffle(rows, r);
      Keyed<KlDivergence> kl = klBy();
      Keyed<JsDivergence> js = new Keyed<>("JS_DIVERGENCE_BY", JsDivergence::new);
      Keyed<HellingerDistance> h = new Keyed<>("HELLINGER_DISTANCE_BY", HellingerDistance::new);
      KeyedEntropy entropy = new KeyedEntropy();
      for (Object[] x : rows) {
        kl.addNullable(x[0], (Number) x[1], (Number) x[2]);
        js.addNullable(x[0], (Number) x[1], (Number) x[2]);
        h.addNullable(x[0], (Number) x[1], (Number) x[2]);
        entropy.addNullable(x[0], (Number) x[1]);
      }
      assertThat(ReferenceCases.relativeError(kl.result(), c.kl())).as(c.name())
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(js.result(), c.js())).as(c.name())
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(h.result(), c.hellinger())).as(c.name())
          .isLessThanOrEqualTo(1e-12);
      assertThat(ReferenceCases.relativeError(entropy.result(), c.entropy())).as(c.name())
          .isLessThanOrEqualTo(1e-12);
    }
  }

  private static void assertClose(Double actual, Double expected) {
    if (expected == null || expected == 0 || expected.isInfinite()) {
      assertThat(actual).isEqualTo(expected);
    } else {
      assertThat(ReferenceCases.relativeError(actual, expected)).isLessThanOrEqualTo(1e-13);
    }
  }

  @Test
  void keyedFormsFailNamingTheLimitBeyondTheirKeys() {
    // was an OutOfMemoryError in the engine (H2 then closed the database); now our error
    System.setProperty(SqlKeys.MAX_KEYS_PROPERTY, "1000");
    Keyed<KlDivergence> kl;
    KeyedEntropy h;
    try {
      kl = klBy();
      h = new KeyedEntropy();
    } finally {
      System.clearProperty(SqlKeys.MAX_KEYS_PROPERTY);
    }
    for (int i = 0; i < 1000; i++) {
      kl.addNullable(i, 1, 2);
      h.addNullable(i, 1);
    }
    kl.addNullable(999, 1, 2); // an existing key is no new entry
    assertThatThrownBy(() -> kl.addNullable(1000, 1, 2))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("22023");
          assertThat(e.getMessage()).startsWith("KL_DIVERGENCE_BY: keys exceed the limit of 1000 "
              + "distinct keys in one group").contains(SqlKeys.MAX_KEYS_PROPERTY);
        });
    assertThatThrownBy(() -> h.addNullable("new", 1))
        .hasMessageStartingWith("ENTROPY_BY: keys exceed the limit of 1000");
  }
}
