package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar … --pg PORT} with the real {@code psql} client: answers on 127.0.0.1, is not
 * reachable on the machine's other addresses, refuses a wrong password, gives its user no admin
 * powers, and stops on SIGTERM. CI installs psql (.ci/run); elsewhere the test is skipped
 * without it.
 */
@TestMethodOrder(MethodOrderer.MethodName.class) // zzStopsOnSigterm last
class PgServerIT {
  private static final String PASSWORD = "it-secret-42";
  private static Process server;
  private static int port;
  private static final List<String> serverOutput = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    boolean hasPsql = new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    if (System.getenv("CI") == null) {
      assumeTrue(hasPsql, "psql is not installed");
    }
    assertThat(hasPsql).as("psql must be installed in CI (.ci/run installs it)").isTrue();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Jar.javaExecutable(), "-jar", Jar.path().toString(),
        "--pg", String.valueOf(port));
    pb.environment().put("DIVERGENCE_PASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    server = pb.start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          serverOutput.add(line);
          if (line.contains("listening on")) {
            break;
          }
        }
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    ready.get(60, TimeUnit.SECONDS);
    // keep draining, so the server never blocks on a full pipe
    CompletableFuture.runAsync(() -> out.lines().forEach(serverOutput::add));
    List<String> seen;
    synchronized (serverOutput) {
      seen = List.copyOf(serverOutput);
    }
    assertThat(seen).anyMatch(l -> l.contains("listening on 127.0.0.1:" + port));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  private static Jar.Run psql(String password, String... sql) throws Exception {
    List<String> command = new ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-p",
        String.valueOf(port), "-U", "divergence", "-v", "ON_ERROR_STOP=1", "divergence"));
    for (String s : sql) {
      command.addAll(List.of("-c", s));
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = Jar.drain(p.getInputStream());
    CompletableFuture<String> err = Jar.drain(p.getErrorStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Jar.Run(p.exitValue(), out.join(), err.join());
  }

  @Test
  void psqlRunsTheFunctions() throws Exception {
    Jar.Run r = psql(PASSWORD, "SELECT KL_DIVERGENCE(class_a, class_b) AS kl FROM grades",
        "SELECT experiment, PSI_BY(band, CASE WHEN arm = 'A' THEN n END, "
            + "CASE WHEN arm = 'B' THEN n END, 1) AS psi FROM results GROUP BY experiment "
            + "ORDER BY experiment");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // seed 0.1 ln(8/3) by hand; ranking's smoothed PSI from references.py (mpmath)
    assertThat(r.out()).contains("0.0980829253011726").contains("0.60263721207257");
  }

  @Test
  void ourErrorsReachPsql() throws Exception {
    Jar.Run r = psql(PASSWORD, "SELECT KL_DIVERGENCE(-1, 1)");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("KL_DIVERGENCE: p must be a finite non-negative weight, got -1.0");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Jar.Run r = psql("not-the-password", "SELECT 1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out()).doesNotContain("1 row");
  }

  @Test
  void theUserIsNotAnAdmin() throws Exception {
    for (String sql : new String[] {"CREATE ALIAS EXIT_NOW FOR 'java.lang.System.exit'",
        "SELECT * FROM CSVREAD('/etc/passwd')", "RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'"}) {
      Jar.Run r = psql(PASSWORD, sql);
      assertThat(r.exitCode()).as(sql).isNotZero();
      assertThat(r.err()).as(sql).contains("Admin rights are required");
    }
    assertThat(psql(PASSWORD, "SELECT 1 AS still_up").out()).contains("still_up");
  }

  @Test
  void onlyLoopbackListens() throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          others.add(a);
        }
      }
    }
    assumeTrue(!others.isEmpty(), "this machine has no non-loopback IPv4 address");
    for (InetAddress a : others) {
      // this machine's own address: nothing leaves the host
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a, port), 2000);
        }
      }).as("connect to %s:%d", a, port).isInstanceOf(IOException.class);
    }
  }

  @Test
  void withoutThePasswordVariableARandomOneIsPrintedOnce() throws Exception {
    int other;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      other = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Jar.javaExecutable(), "-jar", Jar.path().toString(),
        "--pg", String.valueOf(other));
    pb.environment().remove("DIVERGENCE_PASSWORD");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String password = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("password")) {
              return line.substring(line.lastIndexOf(' ') + 1);
            }
          }
          return null;
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(password).isNotNull().hasSizeGreaterThanOrEqualTo(20);
      int saved = port;
      port = other;
      try {
        assertThat(psql(password, "SELECT ENTROPY(n) AS h FROM traffic").exitCode()).isZero();
        assertThat(psql(PASSWORD, "SELECT 1").exitCode()).isNotZero();
      } finally {
        port = saved;
      }
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void anExplicitBindAddressIsHonoured() throws Exception {
    // 127.0.0.2 is loopback too (127.0.0.0/8): listening there and not on 127.0.0.1 shows the
    // flag moves the socket, without exposing anything beyond this machine
    int other;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      other = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Jar.javaExecutable(), "-jar", Jar.path().toString(),
        "--pg", String.valueOf(other), "--pg-bind", "127.0.0.2");
    pb.environment().put("DIVERGENCE_PASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.contains("listening on")) {
              return line;
            }
          }
          return null;
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(ready).contains("listening on 127.0.0.2:" + other);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), other), 2000);
      }
      int port1 = other;
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port1), 2000);
        }
      }).isInstanceOf(IOException.class);
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void zzStopsOnSigterm() throws Exception {
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      }
    }).isInstanceOf(IOException.class);
  }
}
