package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.spark.SparkEngineTest;
import io.github.divergencesql.testing.ReferenceCases;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The Spark functions on a real standalone cluster, as docs/engines.md tells users to run them: a Master
 * and a Worker started from Spark's own jars (Spark's dependency tree, target/spark.classpath;
 * a SPARK_HOME whose jars/ folder links them), two executor JVMs of one core each, and a driver
 * JVM in client mode whose class path is Spark's jars and the shipped
 * {@code divergence-sql-<version>-spark.jar}; the executors get that jar only through
 * {@code spark.jars}. Every table is repartitioned in four (round-robin), so every group's rows
 * are on both executors and partial states travel between JVMs. Checked: every function and
 * argument count (SparkEngineTest's queries) against H2, with the fixed-width form and, for the
 * functions that have one, the object form too; the golden file; the mpmath reference cases;
 * that both executors ran tasks. Was: KS_PVALUE, the tests' p-values and APPROX_KS_PVALUE failed
 * on the executors with NoClassDefFoundError (Commons Statistics was not in the jar).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkClusterIT {
  /** The functions with a fixed-width (generated-code) form, run both ways. */
  private static final Set<String> FIXED_WIDTH = Set.of("KL_DIVERGENCE", "PSI", "CROSS_ENTROPY",
      "ENTROPY", "HELLINGER_DISTANCE", "1,000 groups", "window frames");
  private static final double TOL = 1e-13;

  private Path dir;
  private Path home;
  private final List<Process> cluster = new ArrayList<>();
  private int masterPort;
  private List<String> jvm;
  private Map<String, String> env;

  @BeforeAll
  void startCluster() throws Exception {
    dir = Files.createDirectories(Path.of("target/spark-cluster").toAbsolutePath());
    home = dir.resolve("home");
    Path jars = home.resolve("jars");
    if (Files.exists(jars)) {
      try (var old = Files.list(jars)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(jars);
    Path classpath = Path.of(System.getProperty("spark.classpath.file", "target/spark.classpath"));
    assertThat(classpath).as("Spark's class path (mvn verify writes it)").exists();
    for (String jar : Files.readString(classpath).trim().split(File.pathSeparator)) {
      Path j = Path.of(jar);
      Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
    }
    jvm = new ArrayList<>(Arrays.asList(
        System.getProperty("spark.jvm.args", "").trim().split("\\s+")));
    env = new HashMap<>(Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_HOSTNAME", "127.0.0.1",
        "SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString(),
        "JAVA_HOME", System.getProperty("java.home")));
    masterPort = freePort();
    int masterUi = freePort();
    cluster.add(start("master", List.of("-Dspark.master.rest.enabled=false",
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi))));
    cluster.add(start("worker", List.of("org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "2",
        "--memory", "1g", "--work-dir", Files.createDirectories(dir.resolve("work")).toString(),
        "spark://127.0.0.1:" + masterPort)));
    awaitWorker(masterUi);
  }

  private Process start(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Jar.javaExecutable(), "-Xmx256m"));
    command.addAll(jvm);
    command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Waits until the Master's status page lists one alive worker. */
  private void awaitWorker(int masterUi) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try {
        String json = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (json.replace(" ", "").contains("\"aliveworkers\":1")) {
          return;
        }
      } catch (IOException notYet) {
        // the Master is still starting
      }
      for (Process p : cluster) {
        assertThat(p.isAlive()).as("cluster JVM died: %s", log()).isTrue();
      }
      assertThat(System.nanoTime()).as("no worker registered in 90 s: %s", log())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private String log() throws IOException {
    StringBuilder b = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      Path f = dir.resolve(name + ".log");
      if (Files.exists(f)) {
        String text = Files.readString(f);
        b.append("\n--- ").append(name).append(":\n")
            .append(text.substring(Math.max(0, text.length() - 3000)));
      }
    }
    return b.toString();
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (int i = cluster.size() - 1; i >= 0; i--) { // the Worker first: it stops its executors
      Process p = cluster.get(i);
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A query, the form it runs in, and what to compare it with. */
  private record Query(String sql, boolean fixedWidth, Object expected) {}

  @Test
  void everyFunctionOnTwoExecutorsWithOnlyTheShippedJar() throws Exception {
    Path work = Files.createDirectories(dir.resolve("run"));
    List<Query> queries = new ArrayList<>();
    try (Connection h2 = SparkEngineTest.h2Tables("cluster")) {
      writeTables(h2, work.resolve("tables.txt"));
      for (Arguments a : SparkEngineTest.everyCall().toList()) {
        String function = (String) a.get()[0];
        String sql = (String) a.get()[1];
        List<Object[]> expected = SparkEngineTest.h2Rows(h2, sql);
        queries.add(new Query(sql, true, expected));
        if (FIXED_WIDTH.contains(function)) {
          queries.add(new Query(sql, false, expected));
        }
      }
    }
    for (SparkEngineTest.Golden g : SparkEngineTest.golden().toList()) {
      queries.add(new Query(g.sql(), true, g));
    }
    String references = "SELECT case_id, KL_DIVERGENCE(p, q), JS_DIVERGENCE(p, q), "
        + "CROSS_ENTROPY(p, q), ENTROPY(p), PSI(p, q), HELLINGER_DISTANCE(p, q), "
        + "TOTAL_VARIATION_DISTANCE(p, q) FROM refs GROUP BY case_id ORDER BY case_id";
    queries.add(new Query(references, true, "mpmath"));
    queries.add(new Query(references, false, "mpmath"));
    String plan = "EXPLAIN SELECT case_id, KL_DIVERGENCE(p, q) FROM refs GROUP BY case_id";
    queries.add(new Query(plan, true, "HashAggregate"));
    queries.add(new Query(plan, false, "ObjectHashAggregate"));
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(work.resolve("queries.txt"),
        StandardCharsets.UTF_8))) {
      for (Query q : queries) {
        out.println((q.fixedWidth() ? "F " : "O ") + q.sql().replace('\n', ' '));
      }
    }

    Jar.Run run = runDriver(work);
    assertThat(run.exitCode()).as("driver: %s%s", run.err(), log()).isZero();
    List<String> lines = Files.readAllLines(work.resolve("results.txt"), StandardCharsets.UTF_8);
    Map<Integer, List<String[]>> rows = new HashMap<>();
    Map<Integer, String> errors = new HashMap<>();
    Set<String> executors = Set.of();
    int current = -1;
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "Q" -> {
          current = Integer.parseInt(f[1]);
          rows.put(current, new ArrayList<>());
        }
        case "R" -> rows.get(current).add(Arrays.copyOfRange(f, 1, f.length));
        case "E" -> errors.put(current, SparkClusterDriver.decode(f[1]));
        case "X" -> executors = Set.of(f[1].split(","));
        default -> throw new AssertionError(line);
      }
    }
    assertThat(rows).hasSize(queries.size());
    assertThat(executors).as("executors that ran tasks").hasSize(2);
    int values = 0;
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      String where = (q.fixedWidth() ? "fixed-width " : "object form ") + q.sql();
      List<String[]> actual = rows.get(i);
      if (q.expected() instanceof SparkEngineTest.Golden g && g.error() != null) {
        // which two rows of a group meet first is the cluster's order, so the values named
        // after "first was" may be others than on one machine
        int order = g.error().indexOf(" (first was");
        assertThat(errors.get(i)).as(where)
            .contains(order < 0 ? g.error() : g.error().substring(0, order));
        continue;
      }
      assertThat(errors.get(i)).as(where).isNull();
      if (q.expected() instanceof String s && s.endsWith("HashAggregate")) {
        String text = String.join(" ", actual.get(0));
        assertThat(text).as(where).contains(s);
        if (s.equals("HashAggregate")) {
          assertThat(text).as(where).doesNotContain("ObjectHashAggregate");
        }
      } else if ("mpmath".equals(q.expected())) {
        values += assertReferences(actual, where);
      } else if (q.expected() instanceof SparkEngineTest.Golden g) {
        assertThat(actual).as(where).hasSameSizeAs(g.rows());
        for (int r = 0; r < actual.size(); r++) {
          for (int c = 0; c < g.rows().get(r).size(); c++) {
            String e = g.rows().get(r).get(c);
            values += assertCell(actual.get(r)[c], e.isEmpty() ? null : e, where);
          }
        }
      } else {
        @SuppressWarnings("unchecked")
        List<Object[]> expected = (List<Object[]>) q.expected();
        assertThat(actual).as(where).hasSameSizeAs(expected);
        for (int r = 0; r < actual.size(); r++) {
          for (int c = 0; c < expected.get(r).length; c++) {
            Object e = expected.get(r)[c];
            values += assertCell(actual.get(r)[c], e == null ? null : String.valueOf(e),
                where + " row " + r);
          }
        }
      }
    }
    assertThat(values).as("values compared").isGreaterThan(1000);
  }

  /** One cell: NULL, a number within TOL relative (0 and infinities exactly), or the text. */
  private static int assertCell(String cell, String expected, String where) {
    String actual = SparkClusterDriver.decode(cell);
    if (expected == null) {
      assertThat(actual).as(where).isNull();
      return 0;
    }
    double e;
    try {
      e = Double.parseDouble(expected);
    } catch (NumberFormatException text) {
      assertThat(actual).as(where).isEqualTo(expected);
      return 0;
    }
    assertThat(actual).as(where).isNotNull();
    double a = Double.parseDouble(actual);
    if (e == 0 || Double.isInfinite(e) || Double.isNaN(e)) {
      assertThat(a).as(where).isEqualTo(e);
    } else {
      assertThat(a).as(where).isCloseTo(e, within(Math.abs(e) * TOL));
    }
    return 1;
  }

  /** mpmath's values (ReferenceCases), within 1e-14 as in SparkEngineTest. */
  private static int assertReferences(List<String[]> rows, String where) {
    assertThat(rows).hasSize(ReferenceCases.CASES.size());
    int values = 0;
    for (String[] row : rows) {
      ReferenceCases.Case c = ReferenceCases.CASES.get(Integer.parseInt(row[0]));
      double[] expected = {c.kl(), c.js(), c.crossEntropy(), c.entropy(), c.psi(),
          c.hellinger(), c.tv()};
      for (int m = 0; m < expected.length; m++) {
        double e = expected[m];
        if (Double.isNaN(e)) {
          continue;
        }
        double a = Double.parseDouble(row[m + 1]);
        if (e == 0 || Double.isInfinite(e)) {
          assertThat(a).as(where + " " + c.name() + " measure " + m).isEqualTo(e);
        } else {
          assertThat(a).as(where + " " + c.name() + " measure " + m)
              .isCloseTo(e, within(Math.abs(e) * 1e-14));
        }
        values++;
      }
    }
    return values;
  }

  /** The test tables as SparkClusterDriver reads them, with Spark types from H2's. */
  private static void writeTables(Connection h2, Path file) throws Exception {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        Statement s = h2.createStatement()) {
      for (String table : SparkEngineTest.TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM DATA." + table)) {
          ResultSetMetaData md = rs.getMetaData();
          StringBuilder header = new StringBuilder("T\t" + table.toLowerCase(Locale.ROOT));
          for (int i = 1; i <= md.getColumnCount(); i++) {
            header.append('\t').append(md.getColumnLabel(i).toLowerCase(Locale.ROOT)).append(':')
                .append(sparkType(md, i));
          }
          out.println(header);
          while (rs.next()) {
            StringBuilder row = new StringBuilder("R");
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              row.append('\t').append(SparkClusterDriver.encode(
                  v instanceof java.math.BigDecimal d ? d.toPlainString() : v));
            }
            out.println(row);
          }
        }
      }
    }
  }

  /** The type Spark's JDBC reader gives an H2 column (as SparkEngineTest reads them). */
  private static String sparkType(ResultSetMetaData md, int i) throws Exception {
    return switch (md.getColumnType(i)) {
      case Types.INTEGER -> "INT";
      case Types.BIGINT -> "BIGINT";
      case Types.SMALLINT -> "SMALLINT";
      case Types.TINYINT -> "TINYINT";
      case Types.DOUBLE, Types.FLOAT -> "DOUBLE";
      case Types.REAL -> "FLOAT";
      case Types.BOOLEAN -> "BOOLEAN";
      case Types.DECIMAL, Types.NUMERIC ->
          "DECIMAL(" + Math.min(38, md.getPrecision(i)) + "," + md.getScale(i) + ")";
      default -> "STRING";
    };
  }

  /** The driver JVM: Spark's jars, the shipped jar and the driver class, nothing else. */
  private Jar.Run runDriver(Path work) throws Exception {
    Path sparkJar = Jar.spark().toAbsolutePath();
    String classpath = home.resolve("jars") + File.separator + "*" + File.pathSeparator + sparkJar
        + File.pathSeparator + driverJar();
    List<String> args = new ArrayList<>(List.of("-Xmx768m"));
    args.addAll(jvm);
    args.addAll(List.of("-Dspark.master=spark://127.0.0.1:" + masterPort,
        "-Dspark.app.name=SparkClusterIT", "-Dspark.jars=" + sparkJar,
        "-Dspark.sql.extensions=io.github.divergencesql.spark.DivergenceSparkExtensions",
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dspark.ui.enabled=false", "-Dspark.executor.cores=1", "-Dspark.executor.memory=512m",
        "-Dspark.cores.max=2", "-Dspark.scheduler.minRegisteredResourcesRatio=1.0",
        "-Dspark.scheduler.maxRegisteredResourcesWaitingTime=120s",
        "-Dspark.default.parallelism=4", "-Dspark.sql.shuffle.partitions=4",
        "-Dspark.sql.adaptive.enabled=false",
        "-Dspark.sql.warehouse.dir=" + dir.resolve("warehouse"),
        "-cp", classpath, SparkClusterDriver.class.getName(), work.toString()));
    List<String> command = new ArrayList<>(List.of(Jar.javaExecutable()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(work.resolve("driver.out").toFile())
        .redirectError(work.resolve("driver.err").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
    }
    return new Jar.Run(p.exitValue(), Files.readString(work.resolve("driver.out")),
        tail(Files.readString(work.resolve("driver.err"))));
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /** A jar of SparkClusterDriver's class files alone, copied out of the test classes. */
  private Path driverJar() throws IOException {
    Path jar = dir.resolve("driver.jar");
    String base = SparkClusterDriver.class.getName().replace('.', '/');
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of(base + ".class", base + "$1.class")) {
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = SparkClusterDriver.class.getClassLoader().getResourceAsStream(name)) {
          assertThat(in).as(name).isNotNull();
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }
}
