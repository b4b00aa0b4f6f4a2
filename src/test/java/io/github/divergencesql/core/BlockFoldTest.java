package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block form of KL, cross-entropy, PSI and entropy ({@link StreamingPairMeasure#blockValue}: rows added
 * with {@code add} are folded in blocks of up to 256) against the row-by-row pooling, an
 * independent computation of the same value ({@code addParts} absorbs each row as it comes): on
 * random, nearly identical, zero-laden, wide-ranged, subnormal and huge weights, 1e-14 relative,
 * exactly 0 for identical sides, the same infinities; and a window read after every row agrees
 * with the single pass.
 */
class BlockFoldTest {
  private static double[][] data(String kind, int n, long seed) {
    Random r = new Random(seed);
    double[] p = new double[n];
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 0.5 + r.nextDouble();
      double v = 0.5 + r.nextDouble();
      switch (kind) {
        case "random" -> {
          p[i] = u;
          q[i] = v;
        }
        case "near" -> { // |d| around 1e-3 to 1e-9: the series side of the block loop
          p[i] = u;
          q[i] = u * (1 + Math.scalb(r.nextGaussian(), -10 - r.nextInt(20)));
        }
        case "mixed" -> { // both sides of the series limit, 1/16
          p[i] = u;
          q[i] = u * (1 + 0.125 * r.nextGaussian());
        }
        case "zeros" -> {
          p[i] = r.nextInt(4) == 0 ? 0 : u;
          q[i] = v;
        }
        case "wide" -> { // one side spans 2^±500: those blocks fold row by row
          p[i] = Math.scalb(u, r.nextInt(1000) - 500);
          q[i] = v;
        }
        case "subnormal" -> {
          p[i] = Math.scalb(u, -1060);
          q[i] = Math.scalb(v, -1070);
        }
        case "huge" -> {
          p[i] = Math.scalb(u, 1015);
          q[i] = Math.scalb(v, 1010);
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
    return new double[][] {p, q};
  }

  private static <M extends StreamingPairMeasure<M>> void compare(Supplier<M> measure,
      double[] p, double[] q, String what) {
    M blocked = measure.get();
    M rowByRow = measure.get();
    M windowed = measure.get();
    for (int i = 0; i < p.length; i++) {
      blocked.add(p[i], q[i]);
      rowByRow.addParts(p[i], 0, q[i], 0);
      windowed.add(p[i], q[i]);
      windowed.result(); // reading folds nothing for good
    }
    Double expected = rowByRow.result();
    Double actual = blocked.result();
    if (expected == null || expected == 0 || expected.isInfinite()) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(ReferenceCases.relativeError(actual, expected))
          .as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(1e-14);
    }
    assertThat(windowed.result()).as(what + " read after every row").isEqualTo(actual);
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "near", "mixed", "zeros", "wide", "subnormal", "huge"})
  void blocksGiveTheRowByRowValue(String kind) {
    for (int n : new int[] {31, 32, 100, 256, 257, 1000, 5000}) {
      double[][] d = data(kind, n, n);
      compare(KlDivergence::new, d[0], d[1], "KL " + kind + " " + n);
      compare(CrossEntropy::new, d[0], d[1], "CE " + kind + " " + n);
      compare(KlDivergence::new, d[1], d[0], "KL reversed " + kind + " " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "near", "mixed", "zeros", "wide", "subnormal", "huge"})
  void psiBlocksGiveTheRowByRowValue(String kind) {
    for (int n : new int[] {31, 32, 100, 256, 257, 1000, 5000}) {
      double[][] d = data(kind, n, n);
      for (double[][] pq : new double[][][] {{d[0], d[1]}, {d[1], d[0]}}) {
        Psi blocked = new Psi();
        Psi rowByRow = new Psi();
        Psi windowed = new Psi();
        for (int i = 0; i < n; i++) {
          blocked.add(pq[0][i], pq[1][i]);
          rowByRow.addParts(pq[0][i], 0, pq[1][i], 0);
          windowed.add(pq[0][i], pq[1][i]);
          windowed.result();
        }
        Double expected = rowByRow.result();
        Double actual = blocked.result();
        if (expected.isInfinite() || expected == 0) {
          assertThat(actual).as("%s %d", kind, n).isEqualTo(expected);
        } else {
          assertThat(ReferenceCases.relativeError(actual, expected))
              .as("PSI %s %d: %s vs %s", kind, n, actual, expected).isLessThanOrEqualTo(1e-14);
        }
        assertThat(windowed.result()).isEqualTo(actual);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "near", "zeros", "wide", "subnormal", "huge"})
  void entropyBlocksGiveTheRowByRowValue(String kind) {
    for (int n : new int[] {31, 32, 100, 256, 257, 1000, 5000}) {
      double[] w = data(kind, n, n)[0];
      Entropy blocked = new Entropy();
      Entropy rowByRow = new Entropy();
      Entropy windowed = new Entropy();
      for (double x : w) {
        blocked.add(x);
        rowByRow.addParts(x, 0);
        windowed.add(x);
        windowed.result();
      }
      assertThat(ReferenceCases.relativeError(blocked.result(), rowByRow.result()))
          .as("%s %d: %s vs %s", kind, n, blocked.result(), rowByRow.result())
          .isLessThanOrEqualTo(1e-14);
      assertThat(windowed.result()).isEqualTo(blocked.result());
    }
    // one dominant weight: an entropy of about 1e-13 keeps its precision in a block
    double[] dominant = new double[300];
    java.util.Arrays.fill(dominant, 1e-16);
    dominant[17] = 1;
    Entropy blocked = new Entropy();
    Entropy rowByRow = new Entropy();
    for (double x : dominant) {
      blocked.add(x);
      rowByRow.addParts(x, 0);
    }
    assertThat(ReferenceCases.relativeError(blocked.result(), rowByRow.result()))
        .isLessThanOrEqualTo(1e-14);
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 256, 1000})
  void identicalSidesAreExactlyZeroAndAMissingQIsInfinite(int n) {
    double[][] d = data("random", n, 7);
    assertThat(KlDivergence.of(d[0], d[0].clone())).isEqualTo(0.0);
    d[1][n / 2] = 0;
    assertThat(KlDivergence.of(d[0], d[1])).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(CrossEntropy.of(d[0], d[1])).isEqualTo(Double.POSITIVE_INFINITY);
    // q > 0 where p is 0 is finite
    assertThat(KlDivergence.of(d[1], d[0])).isFinite();
  }
}
