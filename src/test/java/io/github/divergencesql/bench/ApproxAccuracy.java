package io.github.divergencesql.bench;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * docs/accuracy.md's table of the APPROX_ forms against the exact ones: four distributions (a shift, a
 * change of scale, a heavy tail, 60 % zeros with ties), 10^3 to 10^7 values a side, default
 * k = 200. Not a test: {@code mvn -Pbench -DskipTests test-compile exec:exec@approx}
 * ({@code -Dbench.args="max=1000000"} for a shorter run).
 */
public final class ApproxAccuracy {
  private ApproxAccuracy() {}

  private record Distribution(String name, DoubleSupplier x, DoubleSupplier y) {}

  public static void main(String[] args) {
    long max = 10_000_000;
    for (String a : args) {
      if (a.startsWith("max=")) {
        max = Long.parseLong(a.substring(4));
      }
    }
    Random r = new Random(2026);
    Distribution[] ds = {
        new Distribution("uniform, shift 0.05", r::nextDouble, () -> r.nextDouble() + 0.05),
        new Distribution("normal, scale 1.1", r::nextGaussian, () -> 1.1 * r.nextGaussian()),
        new Distribution("lognormal, shift 0.1", () -> Math.exp(2 * r.nextGaussian()),
            () -> Math.exp(2 * r.nextGaussian() + 0.1)),
        new Distribution("60% zeros, integers", () -> r.nextDouble() < 0.6 ? 0 : r.nextInt(20),
            () -> r.nextDouble() < 0.55 ? 0 : r.nextInt(21))};
    String[][] pairs = {{"KS_STATISTIC", "APPROX_KS_STATISTIC"},
        {"WASSERSTEIN_DISTANCE", "APPROX_WASSERSTEIN_DISTANCE"},
        {"PSI_BINNED", "APPROX_PSI_BINNED"}};
    System.out.printf(Locale.ROOT, "%-22s %10s  %-12s %12s %12s %10s %10s%n", "distribution",
        "n a side", "measure", "exact", "APPROX_", "abs. diff", "rel. diff");
    for (Distribution d : ds) {
      for (long n = 1000; n <= max; n *= 10) {
        var acc = new Object[pairs.length][2];
        for (int p = 0; p < pairs.length; p++) {
          for (int e = 0; e < 2; e++) {
            acc[p][e] = DivergenceFunction.valueOf(pairs[p][e]).newAccumulator(2);
          }
        }
        for (long i = 0; i < n; i++) {
          double x = d.x().getAsDouble();
          double y = d.y().getAsDouble();
          for (int p = 0; p < pairs.length; p++) {
            for (int e = 0; e < 2; e++) {
              DivergenceFunction.valueOf(pairs[p][e]).addRow(
                  (io.github.divergencesql.core.Accumulator<?>) acc[p][e], x, y);
            }
          }
        }
        for (int p = 0; p < pairs.length; p++) {
          double exact = ((io.github.divergencesql.core.Accumulator<?>) acc[p][0]).result();
          double approx = ((io.github.divergencesql.core.Accumulator<?>) acc[p][1]).result();
          System.out.printf(Locale.ROOT, "%-22s %,10d  %-12s %12.6g %12.6g %10.2e %10.2e%n",
              d.name(), n, pairs[p][0].replace("_DISTANCE", "").replace("_STATISTIC", ""),
              exact, approx, Math.abs(approx - exact), Math.abs(approx - exact) / Math.abs(exact));
        }
      }
    }
  }
}
