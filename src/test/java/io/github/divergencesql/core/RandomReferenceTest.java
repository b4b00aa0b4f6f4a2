package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 200 random groups (raw counts with very different totals, zero bins, near-identical pairs at
 * scales 1e-300 to 1e300, one dominant outcome) against mpmath at 60 digits:
 * src/test/resources/reference/random_cases.csv, made by random_cases.py from exact doubles.
 * Relative error ≤ 1e-12 for every measure (TV: its documented 1e-30 absolute floor).
 */
class RandomReferenceTest {
  @Test
  void everyMeasureMatchesMpmathOnRandomGroups() throws IOException {
    List<String> lines = Files.readAllLines(
        Path.of("src/test/resources/reference/random_cases.csv"));
    double worst = 0;
    int checked = 0;
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(";");
      double[] p = Arrays.stream(f[1].split(",")).mapToDouble(Double::parseDouble).toArray();
      double[] q = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray();
      Double[] actual = {KlDivergence.of(p, q), JsDivergence.of(p, q), CrossEntropy.of(p, q),
          Entropy.of(p), Psi.of(p, q), HellingerDistance.of(p, q),
          TotalVariationDistance.of(p, q)};
      for (int m = 0; m < actual.length; m++) {
        double expected = f[3 + m].equals("inf") ? Double.POSITIVE_INFINITY
            : Double.parseDouble(f[3 + m]);
        double err = ReferenceCases.relativeError(actual[m], expected);
        double floor = m == 6 ? 1e-30 / Math.abs(expected) : 0;
        assertThat(err).as("%s measure %d: %s vs %s", f[0], m, actual[m], expected)
            .isLessThanOrEqualTo(1e-12 + floor);
        if (m != 6) {
          worst = Math.max(worst, err);
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(200 * 7);
    System.out.printf("random references: %d values, worst relative error %.2e%n", checked, worst);
  }
}
