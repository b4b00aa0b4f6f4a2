package io.github.divergencesql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/performance.md "Start-up": what a one-shot query costs from the shell, measured with
 * hyperfine (Debian package {@code hyperfine}), for {@code java -jar} and for the launcher
 * {@code target/divergence-sql} (class-data-sharing archive made by the build, client compiler),
 * beside issue 24's targets: {@code -e "SELECT 1"} 0.6 s, a KL over the example H2 database
 * 0.8 s, a Calcite CSV-model query 1.5 s. Prints hyperfine's mean and standard deviation of
 * {@code runs} runs after 2 warm-ups. Not a test: after {@code mvn -DskipTests package},
 * {@code mvn -Pbench -DskipTests test-compile exec:exec@startup [-Dbench.args="runs=10"]}.
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  private record Case(String name, String args, double target) {}

  public static void main(String[] args) throws Exception {
    int runs = 10;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv[0].equals("runs")) {
        runs = Integer.parseInt(kv[1]);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Path jar = Path.of("target/divergence-sql-" + io.github.divergencesql.jdbc.Version.VERSION
        + "-all.jar");
    Path launcher = Path.of("target/divergence-sql");
    if (!Files.isRegularFile(jar) || !Files.isExecutable(launcher)) {
      throw new IllegalStateException("build first: mvn -DskipTests package (" + jar + ", "
          + launcher + ")");
    }
    List<Case> cases = List.of(
        new Case("-e \"SELECT 1\"", "-e 'SELECT 1'", 0.6),
        new Case("KL over the example H2 database",
            "-e 'SELECT KL_DIVERGENCE(class_a, class_b) FROM grades'", 0.8),
        new Case("Calcite CSV model: examples/csv_query.sql",
            "--url jdbc:divergence:calcite:model=examples/csv-model.json examples/csv_query.sql",
            1.5));
    System.out.printf(Locale.ROOT, "divergence-sql start-up: %d cores, %s, hyperfine %d runs "
        + "after 2 warm-ups (mean ± sd, seconds)%n%n", Runtime.getRuntime().availableProcessors(),
        javaVersion(), runs);
    System.out.printf(Locale.ROOT, "| %-44s | %-15s | %-22s | %-6s |%n", "query",
        "java -jar", "target/divergence-sql", "target");
    System.out.println("|" + "-".repeat(46) + "|" + "-".repeat(17) + "|" + "-".repeat(24)
        + "|" + "-".repeat(8) + "|");
    for (Case c : cases) {
      double[] plain = hyperfine("java -jar " + jar + " " + c.args(), runs);
      double[] fast = hyperfine(launcher + " " + c.args(), runs);
      System.out.printf(Locale.ROOT, "| %-44s | %5.2f ± %-7.2f | %5.2f ± %-4.2f %-9s | %-6s |%n",
          c.name(), plain[0], plain[1], fast[0], fast[1], fast[0] <= c.target() ? "(met)"
              : "(MISSED)", String.format(Locale.ROOT, "%.1f s", c.target()));
    }
  }

  /** hyperfine's mean and standard deviation in seconds, from its JSON export. */
  private static double[] hyperfine(String command, int runs) throws IOException,
      InterruptedException {
    Path json = Files.createTempFile("startup", ".json");
    try {
      List<String> cmd = new ArrayList<>(List.of("hyperfine", "-N", "-w", "2", "-r",
          String.valueOf(runs), "--export-json", json.toString(), command));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("hyperfine failed (is it installed? apt-get install "
            + "hyperfine): " + command);
      }
      String text = Files.readString(json);
      return new double[] {number(text, "mean"), number(text, "stddev")};
    } finally {
      Files.deleteIfExists(json);
    }
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*([0-9.eE+-]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in hyperfine's output");
    }
    return Double.parseDouble(m.group(1));
  }

  private static String javaVersion() {
    return "Java " + System.getProperty("java.version");
  }
}
