package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.jdbc.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jars (failsafe passes their paths) and a way to run them as a user would: the
 * self-contained {@code -all} jar for the driver, the command line and the server, the library
 * jar for Spark.
 */
final class Jar {
  private Jar() {}

  /** {@code target/divergence-sql-<version>-all.jar}: H2, Calcite, sqlline and our classes. */
  static Path path() {
    Path jar = Path.of(System.getProperty("divergence.allJar",
        "target/divergence-sql-" + Version.VERSION + "-all.jar"));
    assertThat(jar).as("the self-contained jar (mvn package)").exists();
    return jar;
  }

  /** {@code target/divergence-sql-<version>.jar}: our classes only. */
  static Path library() {
    Path jar = Path.of(System.getProperty("divergence.jar",
        "target/divergence-sql-" + Version.VERSION + ".jar"));
    assertThat(jar).as("the library jar (mvn package)").exists();
    return jar;
  }

  /**
   * {@code target/divergence-sql-<version>-spark.jar}: what a Spark cluster is given (our
   * classes, Commons Statistics relocated).
   */
  static Path spark() {
    Path jar = Path.of(System.getProperty("divergence.sparkJar",
        "target/divergence-sql-" + Version.VERSION + "-spark.jar"));
    assertThat(jar).as("the Spark jar (mvn package)").exists();
    return jar;
  }

  /** The outcome of one {@code java -jar} run. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), stdin, env, args);
  }

  /** Runs {@code java <jvm options> -jar <jar> <args>}. */
  static Run run(List<String> jvm, String stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of("-jar", path().toString()));
    command.addAll(List.of(args));
    return java(command, stdin, env);
  }

  /** Runs {@code java <arguments>} with the JVM running the tests. */
  static Run java(List<String> arguments, String stdin, Map<String, String> env)
      throws IOException, InterruptedException {
    return java(arguments, stdin, env, null);
  }

  /** The same, in the working directory {@code dir} (null: this one). */
  static Run java(List<String> arguments, String stdin, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaExecutable()));
    command.addAll(arguments);
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished: %s", command).isTrue();
    return new Run(p.exitValue(), out.join(), err.join());
  }

  static Run run(String... args) throws IOException, InterruptedException {
    return run(null, Map.of(), args);
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<" + e + ">";
      }
    });
  }

  static String javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.exists(java) ? java.toString() : "java";
  }
}
