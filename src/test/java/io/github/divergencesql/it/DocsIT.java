package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that README.md and docs/*.md show with its output, rerun: a fenced block tagged
 * {@code console} holds lines {@code $ COMMAND} each followed by exactly what the command prints
 * (stdout and stderr merged), run with bash from the project root after {@code mvn package}.
 * Blocks tagged otherwise (servers, psql sessions, Spark clusters, timings) are not run.
 */
class DocsIT {
  /** One {@code $} command of a console block, what it must print, and where it is written. */
  record Example(String page, int line, String command, String output) {
    @Override
    public String toString() {
      return page + ":" + line + " " + (command.length() > 70 ? command.substring(0, 70) + "…"
          : command);
    }
  }

  static Stream<Example> examples() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Example> examples = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      boolean inConsole = false;
      String command = null;
      int commandLine = 0;
      StringBuilder output = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (!inConsole) {
          inConsole = l.strip().equals("```console");
          continue;
        }
        if (l.startsWith("```") || l.startsWith("$ ")) {
          if (command != null) {
            examples.add(new Example(page.toString(), commandLine, command, output.toString()));
          }
          command = null;
          output.setLength(0);
          if (l.startsWith("```")) {
            inConsole = false;
          } else {
            command = l.substring(2);
            commandLine = i + 1;
          }
          continue;
        }
        assertThat(command).as("%s:%d: output before a $ line", page, i + 1).isNotNull();
        output.append(l).append('\n');
      }
    }
    assertThat(examples).as("console blocks in README and docs").hasSizeGreaterThan(10);
    return examples.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void printsWhatThePageShows(Example e) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", e.command()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(out, StandardCharsets.UTF_8)).as("%s:%d", e.page(), e.line())
        .isEqualTo(e.output());
  }
}
