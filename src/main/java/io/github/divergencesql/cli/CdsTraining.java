package io.github.divergencesql.cli;

import io.github.divergencesql.jdbc.DivergenceDriver;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The build's training run for class-data sharing ({@code --cds-training}, hidden): run with
 * {@code -XX:ArchiveClassesAtExit=target/divergence-sql.jsa}, it loads what one-shot queries
 * load — the H2 example database and a KL in the table format and the others, a Calcite model
 * over CSV files, {@code --csv} — so that {@code target/divergence-sql} starts from the archive
 * instead of reading and verifying some 6,000 classes from the jar on every call. Prints nothing.
 */
final class CdsTraining {
  private CdsTraining() {
  }

  static int run() throws Exception {
    PrintStream out = System.out;
    Path dir = Files.createTempDirectory("divergence-sql-cds");
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      Cli.loadExampleTables(Cli.DEFAULT_URL);
      String h2 = "SELECT KL_DIVERGENCE(class_a, class_b) AS kl, JS_DIVERGENCE(class_a, class_b) "
          + "AS js FROM grades; SELECT experiment, KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' "
          + "THEN n END, CASE WHEN arm = 'B' THEN n END) AS kl FROM results GROUP BY experiment";
      for (ResultWriter.Format f : ResultWriter.Format.values()) {
        new ScriptRunner(f, false).run(Cli.DEFAULT_URL, "sa", "",
            List.of(new ScriptRunner.Source("-e", h2)));
      }
      Files.writeString(dir.resolve("t.csv"), "k,p,q\n1,0.5,0.4\n2,0.5,0.6\n");
      String model = DivergenceDriver.CALCITE_PREFIX + "model=inline:{\"version\":\"1.0\","
          + "\"defaultSchema\":\"CSV\",\"schemas\":[{\"name\":\"CSV\",\"type\":\"custom\","
          + "\"factory\":\"io.github.divergencesql.calcite.CsvSchemaFactory\",\"operand\":"
          + "{\"directory\":\"" + dir.toAbsolutePath().toString().replace("\\", "\\\\")
          + "\"}}]}";
      new ScriptRunner(ResultWriter.Format.table, false).run(model, "", "",
          List.of(new ScriptRunner.Source("-e", "SELECT COUNT(*) AS n, KL_DIVERGENCE_BY(k, p, q) "
              + "AS kl FROM t WHERE k > 0 GROUP BY k ORDER BY k")));
      Cli.csvTables(dir); // --csv
      return Cli.OK;
    } finally {
      System.setOut(out);
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
