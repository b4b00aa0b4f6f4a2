package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code KS_PVALUE}: scipy's ks_2samp p-value (method 'auto'): the shared reference cases (scipy
 * 1.10) within 1e-6 relative, and every boundary of scipy's method choice against scipy 1.17.1
 * within 1e-13 (exact) or 2e-11 (asymptotic).
 */
class KsPvalueTest extends AbstractTwoSampleTest {
  @Override
  Stream<Form> forms() {
    return Stream.of(new Form(DivergenceFunction.KS_PVALUE, List.of(), "KS_PVALUE", 1e-6, 1.0));
  }

  @Test
  void oneValueOnASideByHand() {
    // x = (5), y = (1, 2, 3, 4): x's rank k = 4 of 0..4, D = max(4, 0)/4 = 1; the ranks whose
    // D reaches 1 are k = 0 and k = 4: p = 2/5
    KsPValue p = new KsPValue();
    p.addNullable(5.0, 1.0);
    for (double v : new double[] {2, 3, 4}) {
      p.addNullable(null, v);
    }
    assertThat(p.result()).isEqualTo(0.4);
    // x = (2.5) in the middle of (1, 2, 3, 4): k = 2, D = 1/2, every rank reaches it: p = 1
    KsPValue mid = new KsPValue();
    mid.addNullable(2.5, 1.0);
    for (double v : new double[] {2, 3, 4}) {
      mid.addNullable(null, v);
    }
    assertThat(mid.result()).isEqualTo(1.0);
  }

  /**
   * Every boundary of scipy's method choice, against scipy 1.17.1's own ks_2samp on the same
   * doubles (ks/scipy_ks_2samp_boundaries.tsv.gz, written by scipy from these values): the larger
   * side at 9,999, 10,000 (exact in scipy, asymptotic in Commons' own AUTO) and 10,001 values
   * against 1, 2 and 110; scipy's testLarge (10,000 and 110: 6.263e-26 exact, we gave the
   * asymptotic 5.399e-26) and its y in [20, 200] (0.25724190336); m n/(m + n) = 70.5 (71 vs
   * 10,011, numpy rounds half to even) and 5000.5 (10,001 each); ties; n = m = 4 (exact); and
   * n = m = 7, 15, 60
   * where scipy's exact series fails and it falls back to the asymptotic (7: 0.99996, not 1).
   */
  @Test
  void scipysMethodChoiceAtEveryBoundary() throws IOException {
    Map<String, double[]> sides = new HashMap<>();
    int cases = 0;
    int fallbacks = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        KsPvalueTest.class.getResourceAsStream("/ks/scipy_ks_2samp_boundaries.tsv.gz")),
        StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        double[] x = side(f[5], sides);
        double[] y = side(f[6], sides);
        sides.put("@" + f[0] + ".x", x);
        sides.put("@" + f[0] + ".y", y);
        assertThat(x).hasSize(Integer.parseInt(f[1]));
        assertThat(y).hasSize(Integer.parseInt(f[2]));
        double scipy = Double.parseDouble(f[3]);
        KsPValue acc = new KsPValue();
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
          acc.addNullable(i < x.length ? x[i] : null, i < y.length ? y[i] : null);
        }
        double ours = acc.result();
        double tolerance = f[4].equals("exact") ? 1e-13 : 2e-11;
        assertThat(ours).as("%s (%s)", f[0], f[4])
            .isCloseTo(scipy, org.assertj.core.api.Assertions.within(tolerance * scipy));
        cases++;
        fallbacks += f[4].equals("exact->asymp") ? 1 : 0;
      }
    }
    assertThat(cases).isEqualTo(24);
    assertThat(fallbacks).isEqualTo(3);
  }

  private static double[] side(String field, Map<String, double[]> sides) {
    if (field.startsWith("@")) {
      return sides.get(field);
    }
    return Arrays.stream(field.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  @Test
  void scipysFallbackSeriesIsSeenWhereItRoundsAboveOne() {
    // n = m = 7, D = 1/7: scipy's series gives 1 + 2^-52 (checked in Python with scipy's
    // _compute_prob_outside_square(7, 1)); n = m = 10, D = 1/10 stays at or below 1
    assertThat(KsPValue.scipySquareSeries(7, 1)).isGreaterThan(1.0);
    assertThat(KsPValue.scipySquareSeries(10, 1)).isLessThanOrEqualTo(1.0);
    // kstwo.sf(d, 1) by hand: 2(1 - d) between 1/2 and 1
    assertThat(KsPValue.effectiveSizeSf(0.75, 1)).isEqualTo(0.5);
    assertThat(KsPValue.effectiveSizeSf(1.0, 1)).isEqualTo(0.0);
    // two uniform values reach D >= 0.9 only when both lie below 0.1 or both above 0.9:
    // 2 (0.1)^2 = 0.02 (scipy 1.17.1: kstwo.sf(0.9, 2) = 0.019999999999999990)
    assertThat(KsPValue.effectiveSizeSf(0.9, 2)).isCloseTo(0.02,
        org.assertj.core.api.Assertions.within(1e-15));
  }
}
