package io.github.divergencesql.bench;

import io.github.divergencesql.core.CrossEntropy;
import io.github.divergencesql.core.Entropy;
import io.github.divergencesql.core.HellingerDistance;
import io.github.divergencesql.core.KlDivergence;
import io.github.divergencesql.core.Psi;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The add paths side by side: rounds of 2^20 rows through each accumulator and through the bare
 * {@code Math.log} loop, interleaved, so a noisy machine slows all of them alike; prints the
 * median ns a row and its ratio to the log loop (and PSI's to KL). JMH
 * ({@link AccumulatorBenchmark}) measures one benchmark after another, which on a shared VM
 * moves ratios by tens of percent.
 *
 * <p>Arguments: {@code rounds=31 data=random|near} (near: q = p(1 + 1e-3·N(0, 1)), the series
 * side of the block loops).
 */
public final class AddPathRatios {
  static final int ROWS = 1 << 20;

  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("rounds", "31", "data", "random"));
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    int rounds = Integer.parseInt(opts.get("rounds"));
    boolean near = opts.get("data").equals("near");
    Random r = new Random(1);
    double[] p = new double[ROWS];
    double[] q = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      p[i] = 0.5 + r.nextDouble();
      q[i] = near ? p[i] * (1 + 1e-3 * r.nextGaussian()) : 0.5 + r.nextDouble();
    }
    Map<String, ToDoubleFunction<Void>> paths = new LinkedHashMap<>();
    paths.put("Math.log loop", v -> {
      double s = 0;
      for (int i = 0; i < ROWS; i++) {
        s += Math.log(p[i] / q[i]);
      }
      return s;
    });
    paths.put("KL_DIVERGENCE", v -> {
      KlDivergence a = new KlDivergence();
      for (int i = 0; i < ROWS; i++) {
        a.add(p[i], q[i]);
      }
      return a.result();
    });
    paths.put("CROSS_ENTROPY", v -> {
      CrossEntropy a = new CrossEntropy();
      for (int i = 0; i < ROWS; i++) {
        a.add(p[i], q[i]);
      }
      return a.result();
    });
    paths.put("ENTROPY", v -> {
      Entropy a = new Entropy();
      for (int i = 0; i < ROWS; i++) {
        a.add(p[i]);
      }
      return a.result();
    });
    paths.put("PSI", v -> {
      Psi a = new Psi();
      for (int i = 0; i < ROWS; i++) {
        a.add(p[i], q[i]);
      }
      return a.result();
    });
    paths.put("HELLINGER", v -> {
      HellingerDistance a = new HellingerDistance();
      for (int i = 0; i < ROWS; i++) {
        a.add(p[i], q[i]);
      }
      return a.result();
    });
    Map<String, double[]> ns = new LinkedHashMap<>();
    paths.keySet().forEach(k -> ns.put(k, new double[rounds]));
    double sink = 0;
    for (int warm = 0; warm < 5; warm++) {
      for (var e : paths.values()) {
        sink += e.applyAsDouble(null);
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (var e : paths.entrySet()) {
        long t0 = System.nanoTime();
        sink += e.getValue().applyAsDouble(null);
        ns.get(e.getKey())[round] = (System.nanoTime() - t0) / (double) ROWS;
      }
    }
    System.out.printf("add paths, %s data, 2^20 rows, median of %d interleaved rounds (Java %s)%n",
        opts.get("data"), rounds, System.getProperty("java.version"));
    System.out.printf("%-14s %8s %10s%n", "path", "ns/row", "vs log");
    double log = median(ns.get("Math.log loop"));
    for (var e : ns.entrySet()) {
      double m = median(e.getValue());
      System.out.printf(Locale.ROOT, "%-14s %8.1f %10.2f%s%n", e.getKey(), m, m / log,
          e.getKey().equals("PSI") ? String.format(Locale.ROOT, "   (%.2f of KL)",
              m / median(ns.get("KL_DIVERGENCE"))) : "");
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException();
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
