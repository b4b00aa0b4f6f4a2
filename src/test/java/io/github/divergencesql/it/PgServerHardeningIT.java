package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --pg} against clients that do not play fair, each test named after what it attacks:
 * announced sizes before login, stalled handshakes, too many sockets, a client that leaves while
 * its statement runs, statements that run too long, and password guessing from one address.
 * Clients speak the PostgreSQL protocol over raw sockets (or are psql), all on loopback.
 */
class PgServerHardeningIT {
  private static final String PASSWORD = "hardening-secret-7";
  private static Process server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    boolean hasPsql = new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    if (System.getenv("CI") == null) {
      assumeTrue(hasPsql, "psql is not installed");
    }
    port = PgServerIT.freePort();
    server = started(port, "--pg-max-connections", "4", "--pg-handshake-timeout", "2");
  }

  private static Process started(int port, String... extra) throws Exception {
    Process p = PgServerIT.startServer(port, PASSWORD, extra);
    BufferedReader out = PgServerIT.reader(p);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    String ready = PgServerIT.awaitLine(out, l -> l.contains("listening on"), seen);
    assertThat(ready).as(String.join("\n", seen)).contains("listening on 127.0.0.1:" + port);
    CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
    return p;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroyForcibly();
      server.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static Socket connect(InetAddress from, int port) throws IOException {
    Socket s = new Socket();
    if (from != null) {
      s.bind(new InetSocketAddress(from, 0));
    }
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    s.setSoTimeout(30_000);
    return s;
  }

  private static void startup(DataOutputStream out) throws IOException {
    byte[] params = "user\0divergence\0database\0divergence\0\0".getBytes(StandardCharsets.UTF_8);
    out.writeInt(8 + params.length);
    out.writeInt(196608); // protocol 3.0
    out.write(params);
    out.flush();
  }

  /** The type of the next message, its body skipped; -1 at the end of the stream. */
  private static int next(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      return -1;
    }
    int length = in.readInt();
    in.readFully(new byte[length - 4]);
    return type;
  }

  /** A login over the raw protocol: 'R' (authenticated) or 'E', or -1 if the server hung up. */
  private static int login(InetAddress from, int port, String password) throws IOException {
    try (Socket s = connect(from, port)) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      startup(out);
      int ask = in.read();
      if (ask != 'R') {
        return ask;
      }
      in.readFully(new byte[in.readInt() - 4]);
      byte[] p = (password + "\0").getBytes(StandardCharsets.UTF_8);
      out.write('p');
      out.writeInt(4 + p.length);
      out.write(p);
      out.flush();
      int answer = in.read();
      if (answer == 'R') {
        in.readInt();
        return in.readInt() == 0 ? 'R' : 'E';
      }
      return answer;
    }
  }

  @Test
  void hugeAnnouncedSizesBeforeLoginAreRefusedAndHoldNothing() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) { // three sockets pinned 600 MB of a 1 GiB heap before
        Socket s = connect(null, port);
        held.add(s);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(200_000_000);
        out.writeInt(196608);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        assertThat(next(in)).as("an error").isEqualTo('E');
        assertThat(in.read()).as("then closed").isEqualTo(-1);
      }
      // an announced huge password after a good startup
      Socket s = connect(null, port);
      held.add(s);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      startup(out);
      assertThat(next(in)).isEqualTo('R');
      out.write('p');
      out.writeInt(1 << 30);
      out.flush();
      assertThat(next(in)).isEqualTo('E');
      assertThat(in.read()).isEqualTo(-1);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    assertThat(login(null, port, PASSWORD)).isEqualTo('R');
  }

  @Test
  void aStalledHandshakeIsClosed() throws Exception {
    try (Socket s = connect(null, port)) {
      long start = System.nanoTime();
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(next(in)).isEqualTo('E'); // 08006, after --pg-handshake-timeout 2
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
          Duration.ofSeconds(10));
    }
  }

  @Test
  void repeatedSslRequestsDoNotKeepAHandshakeOpen() throws Exception {
    try (Socket s = connect(null, port)) {
      long start = System.nanoTime();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      int answers = 0;
      try {
        for (int i = 0; i < 10; i++) { // one SSLRequest a second; the deadline is 2 s
          out.writeInt(8);
          out.writeInt(80877103);
          out.flush();
          int b = in.read();
          if (b != 'N') {
            break;
          }
          answers++;
          Thread.sleep(1000);
        }
      } catch (IOException e) {
        // closed while we wrote: what we want
      }
      assertThat(answers).isLessThanOrEqualTo(3);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void socketsThatNeverLogInCannotKeepOutThoseThatDo() throws Exception {
    // the handshake timeout (2 s) frees the slots again; wait for a quiet server first
    Thread.sleep(2500);
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) { // as many silent sockets as the cap
        idle.add(connect(null, port));
      }
      Thread.sleep(200);
      // a fifth client logs in: the oldest silent socket is closed to make room
      assertThat(login(null, port, PASSWORD)).isEqualTo('R');
      assertThat(new DataInputStream(idle.get(0).getInputStream()).read()).isEqualTo(-1);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void loggedInSessionsBeyondTheCapAreRefusedAtOnce() throws Exception {
    Thread.sleep(2500);
    List<Socket> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        sessions.add(loggedIn(port));
      }
      try (Socket fifth = connect(null, port)) {
        DataInputStream in = new DataInputStream(fifth.getInputStream());
        DataOutputStream out = new DataOutputStream(fifth.getOutputStream());
        startup(out);
        assertThat(in.read()).isEqualTo('R');
        in.readFully(new byte[in.readInt() - 4]);
        long start = System.nanoTime();
        password(out, PASSWORD);
        int type = in.read();
        assertThat(type).isEqualTo('E');
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("53300")
            .contains("too many clients");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
    } finally {
      for (Socket s : sessions) {
        s.close();
      }
    }
    Thread.sleep(300);
    assertThat(login(null, port, PASSWORD)).isEqualTo('R');
  }

  private static void password(DataOutputStream out, String password) throws IOException {
    byte[] p = (password + "\0").getBytes(StandardCharsets.UTF_8);
    out.write('p');
    out.writeInt(4 + p.length);
    out.write(p);
    out.flush();
  }

  /** A socket logged in as divergence, after its ReadyForQuery. */
  private static Socket loggedIn(int port) throws IOException {
    Socket s = connect(null, port);
    DataInputStream in = new DataInputStream(s.getInputStream());
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    startup(out);
    assertThat(next(in)).isEqualTo('R');
    password(out, PASSWORD);
    for (int type; (type = next(in)) != 'Z'; ) {
      assertThat(type).isNotIn('E', -1);
    }
    return s;
  }

  @Test
  void guessingFromOneAddressDoesNotDelayAnother() throws Exception {
    InetAddress guesser = InetAddress.getByName("127.0.0.2");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<Void>> guessers = new ArrayList<>();
    for (int i = 0; i < 2; i++) { // two of the four slots: the honest client always finds one
      guessers.add(CompletableFuture.runAsync(() -> {
        while (!stop.get()) {
          try {
            if (login(guesser, port, "guess") != 'R') {
              refused.incrementAndGet();
            }
          } catch (IOException e) {
            refused.incrementAndGet();
          }
        }
      }));
    }
    try {
      Thread.sleep(2000); // the guessing address is throttled by now
      long start = System.nanoTime();
      assertThat(login(InetAddress.getLoopbackAddress(), port, PASSWORD)).isEqualTo('R');
      Duration honest = Duration.ofNanos(System.nanoTime() - start);
      // eight guessers once delayed a correct login by 35 s
      assertThat(honest).isLessThan(Duration.ofSeconds(1));
    } finally {
      stop.set(true);
      CompletableFuture.allOf(guessers.toArray(new CompletableFuture[0]))
          .get(60, TimeUnit.SECONDS);
    }
    // throttled: far fewer attempts than an unthrottled loop makes in 2 s
    assertThat(refused.get()).isBetween(1, 60);
  }

  private static Process psqlQuery(int port, String sql) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(port),
        "-U", "divergence", "-v", "ON_ERROR_STOP=1", "-c", sql, "divergence");
    pb.environment().put("PGPASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static double cpuSeconds(Process p) {
    return p.toHandle().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }

  @Test
  void aStatementOfAClientThatLeavesIsCancelled() throws Exception {
    Process client = psqlQuery(port, "SELECT SUM(\"X\") FROM SYSTEM_RANGE(1, 100000000000)");
    Thread.sleep(1000);
    double start = cpuSeconds(server);
    Thread.sleep(2000);
    assertThat(cpuSeconds(server) - start).as("the statement runs (CPU seconds in 2 s)")
        .isGreaterThan(1.2);
    assertThat(client.isAlive()).isTrue();
    client.destroyForcibly(); // the client is gone without a word
    client.waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(1000);
    double before = cpuSeconds(server);
    Thread.sleep(3000);
    double used = cpuSeconds(server) - before;
    // an orphaned statement keeps a core busy: about 3 s of CPU in 3 s
    assertThat(used).as("server CPU seconds in 3 s after the client left").isLessThan(1.0);
  }

  @Test
  void aStatementTimeoutBoundsAnyStatement() throws Exception {
    int other = PgServerIT.freePort();
    Process p = started(other, "--pg-statement-timeout", "1");
    try {
      long start = System.nanoTime();
      Process client = psqlQuery(other, "SELECT SUM(\"X\") FROM SYSTEM_RANGE(1, 100000000000)");
      assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(client.exitValue()).as(out).isNotZero();
      assertThat(out).containsIgnoringCase("cancel");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    } finally {
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** A server in a small heap: {@code java -Xmx… -jar … --pg PORT}. */
  private static Process smallHeapServer(int port, String heap) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Jar.javaExecutable(), "-Xmx" + heap, "-jar",
        Jar.path().toString(), "--pg", String.valueOf(port));
    pb.environment().put("DIVERGENCE_PASSWORD", PASSWORD);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out = PgServerIT.reader(p);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    assertThat(PgServerIT.awaitLine(out, l -> l.contains("listening on"), seen)).isNotNull();
    CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
    return p;
  }

  /** The rows a query returned, or the error it raised. */
  record Answer(long rows, String error) {}

  /** Logs in and runs one simple query. */
  private static Answer query(int port, String sql) throws IOException {
    try (Socket s = connect(null, port)) {
      s.setSoTimeout(300_000);
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
          s.getInputStream()));
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      startup(out);
      assertThat(next(in)).isEqualTo('R');
      byte[] p = (PASSWORD + "\0").getBytes(StandardCharsets.UTF_8);
      out.write('p');
      out.writeInt(4 + p.length);
      out.write(p);
      out.flush();
      int type;
      while ((type = next(in)) != 'Z') {
        assertThat(type).as("login").isNotEqualTo(-1).isNotEqualTo('E');
      }
      byte[] q = (sql + "\0").getBytes(StandardCharsets.UTF_8);
      out.write('Q');
      out.writeInt(4 + q.length);
      out.write(q);
      out.flush();
      long rows = 0;
      String error = null;
      while ((type = in.read()) != 'Z') {
        assertThat(type).as("the server hung up").isNotEqualTo(-1);
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (type == 'D') {
          rows++;
        } else if (type == 'E') {
          error = new String(body, StandardCharsets.UTF_8).replace('\0', ' ');
        }
      }
      in.readFully(new byte[in.readInt() - 4]);
      return new Answer(rows, error);
    }
  }

  @Test
  void oneQueryDoesNotTakeTheDatabaseAwayFromEveryone() throws Exception {
    int other = PgServerIT.freePort();
    Process p = smallHeapServer(other, "160m");
    try {
      // a result far larger than the heap streams (it was built in memory first, and 60M rows
      // ended a 512 MiB server in an OutOfMemoryError)
      Answer big = query(other, "SELECT \"X\", 'row ' || \"X\" AS LABEL "
          + "FROM SYSTEM_RANGE(1, 5000000)");
      assertThat(big.error()).isNull();
      assertThat(big.rows()).isEqualTo(5_000_000L);
      // a keyed aggregate over 20M keys: our limit, SQLState 22023, not the heap
      assertThat(query(other, "SELECT KL_DIVERGENCE_BY(\"X\", 1, 1) "
          + "FROM SYSTEM_RANGE(1, 20000000)").error()).contains("22023")
          .contains("distinct keys in one group");
      // a grouping that does not fit: cancelled when the heap is 70 % live, with our message
      assertThat(query(other, "SELECT MOD(\"X\", 30000000) AS K, COUNT(*) AS N "
          + "FROM SYSTEM_RANGE(1, 30000000) GROUP BY K").error()).contains("53200")
          .contains("heap was nearly full");
      assertThat(query(other, "SELECT * FROM grades").rows()).isEqualTo(4);
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
