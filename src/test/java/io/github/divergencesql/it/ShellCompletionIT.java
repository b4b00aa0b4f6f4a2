package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The interactive shell's tab completion, typed into a real pseudo-terminal (a Python script,
 * {@code src/test/resources/clients/shell_completion.py}): table names come from the database
 * (was: {@code SELECT * FROM GRA⇥} gave only the keyword GRANT) and our function names complete.
 */
class ShellCompletionIT {
  @Test
  void tabCompletesTablesAndOurFunctions() throws Exception {
    Process p = new ProcessBuilder("python3", "src/test/resources/clients/shell_completion.py",
        Jar.javaExecutable(), Jar.path().toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    java.util.concurrent.CompletableFuture<String> drained = Jar.drain(p.getInputStream());
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String out = drained.join();
    assertThat(p.exitValue()).as(out).isZero();
    String tables = block(out, "SELECT * FROM GRA");
    assertThat(tables).contains("SELECT * FROM GRADES").contains("(Table)");
    assertThat(block(out, "SELECT KL_DIV")).contains("SELECT KL_DIVERGENCE");
    assertThat(block(out, "SELECT WASSERS")).contains("SELECT WASSERSTEIN_DISTANCE");
  }

  /** What the terminal showed after one typed line. */
  private static String block(String out, String typed) {
    int start = out.indexOf("### " + typed + "\n");
    assertThat(start).as("typed %s in %s", typed, out).isNotNegative();
    int end = out.indexOf("### ", start + 4);
    return out.substring(start, end < 0 ? out.length() : end);
  }
}
