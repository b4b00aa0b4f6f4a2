package io.github.divergencesql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference cases of the homogeneity tests and of L∞ and the JS distance: the counts and the
 * values {@code src/test/resources/reference/homogeneity.py} printed (mpmath at 80 digits from the
 * exact doubles; scipy 1.10 beside them as comments).
 */
public final class HomogeneityCases {
  private HomogeneityCases() {}

  /** A case: the counts of the p and q samples, outcome by outcome. */
  public record Case(String name, double[] p, double[] q) {
    /** The reference of one function on this case; {@code null} for SQL NULL. */
    public Double expected(String function) {
      String key = name + " " + function;
      if (!VALUES.containsKey(key)) {
        throw new IllegalArgumentException("no reference for " + key);
      }
      return VALUES.get(key);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The functions the file has references for. */
  public static final java.util.List<String> FUNCTIONS = java.util.List.of("G_TEST_STATISTIC",
      "G_TEST_PVALUE", "CHI_SQUARE_STATISTIC", "CHI_SQUARE_PVALUE", "L_INFINITY_DISTANCE",
      "JS_DISTANCE");

  public static final Map<String, Case> CASES = new LinkedHashMap<>();
  private static final Map<String, Double> VALUES = new HashMap<>();

  static {
    Map<String, double[]> counts = new HashMap<>();
    try {
      for (String line : Files.readAllLines(
          Path.of("src/test/resources/reference/homogeneity.txt"))) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[1]) {
          case "P", "Q" -> counts.put(f[0] + " " + f[1],
              Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray());
          default -> VALUES.put(f[0] + " " + f[1], f[2].equals("null") ? null
              : f[2].equals("+inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(f[2]));
        }
        if (f[1].equals("Q")) {
          CASES.put(f[0], new Case(f[0], counts.get(f[0] + " P"), counts.get(f[0] + " Q")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code actual} is the reference {@code expected} as a double can hold it: within
   * {@code tolerance} relative for a normal reference; for a reference below the normal range
   * (a subnormal p-value), within 1e-9 relative and two units of the last place (a subnormal
   * carries fewer bits, and the issue asks for full precision down to the normal range); 0.0
   * for a reference below half the smallest subnormal (it underflows); equal for 0 and NULL.
   */
  public static boolean agrees(Double actual, Double expected, double tolerance) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    double e = expected;
    double a = actual;
    if (e == 0 || Double.isInfinite(e)) {
      return a == e;
    }
    if (e < Double.MIN_VALUE / 2) {
      return a == 0;
    }
    if (e < Double.MIN_NORMAL) {
      return Math.abs(a - e) <= 1e-9 * e + 2 * Double.MIN_VALUE;
    }
    return Math.abs(a - e) <= tolerance * e;
  }
}
