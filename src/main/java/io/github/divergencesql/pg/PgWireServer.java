package io.github.divergencesql.pg;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL v3 protocol server of our own over any {@code jdbc:divergence:} connection: each
 * client session gets a connection of its own to the served URL (an H2 database, or a Calcite
 * model, whose JDBC sources then run the keyed aggregations pushed down). The protocol is in
 * {@link PgSession}; this class listens, counts sessions, hands out process ids and secret keys
 * and routes a CancelRequest to the session whose key it names.
 *
 * <p>Limits: at most {@code maxConnections} logged-in sessions (one more is told SQLSTATE 53300
 * and closed), and apart from them at most as many connections still logging in: one more
 * closes the one that has waited longest, so sockets that never log in cannot keep out those
 * that do (a real login takes milliseconds); a client that has not
 * logged in after {@code handshakeSeconds}, or is idle after it for {@code idleSeconds} (0:
 * never), is disconnected; every statement runs at most {@code statementSeconds} (0: no
 * limit), which a client can lower but not lift. A failed login delays the next attempt from
 * the same address and for the same user name (250 ms, doubling to 4 s), so guesses from many
 * addresses at one user are slowed too; a good login clears the address's count, not the
 * user's.
 */
public final class PgWireServer implements Closeable {
  /**
   * What the server serves and how. {@code users} null: the served database's own users log in
   * (an H2 database: each session opens it with the user's name and password, and has that
   * user's rights); the password then travels in clear text, as H2 keeps only its own salted
   * hash, which neither SCRAM nor md5 can use: keep such a server on loopback.
   */
  public record Config(InetAddress bind, int port, String url, Properties engineProperties,
      PgUsers users, int maxConnections, int handshakeSeconds, int idleSeconds,
      int statementSeconds, String database) {
    /** A server that takes any database name. */
    public Config(InetAddress bind, int port, String url, Properties engineProperties,
        PgUsers users, int maxConnections, int handshakeSeconds, int idleSeconds,
        int statementSeconds) {
      this(bind, port, url, engineProperties, users, maxConnections, handshakeSeconds,
          idleSeconds, statementSeconds, null);
    }
  }

  /**
   * A session idle inside a transaction this long is closed and its transaction rolled back
   * (PostgreSQL's idle_in_transaction_session_timeout, which PostgreSQL leaves off): a client
   * that opens a transaction and walks away cannot hold its locks for longer.
   */
  static final int IDLE_IN_TRANSACTION_SECONDS =
      Integer.getInteger("divergence.pg.idleInTransactionSeconds", 600);

  private final Config config;
  private final ServerSocket listener;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();
  /** The connections still logging in, oldest first. */
  private final java.util.concurrent.ConcurrentLinkedDeque<PgSession> pending =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  /** Consecutive failed logins per client address and per user name. */
  private final Map<Object, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Object> userLocks = new ConcurrentHashMap<>();
  private final AtomicInteger nextPid = new AtomicInteger(1000);
  private final Map<Integer, PgSession> byPid = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;

  /**
   * Cancels the statement that has run longest, the likeliest to hold the memory (the memory
   * guard calls this each time a collection leaves the heap too full, so another follows while
   * it stays full); its client is told {@code reason}. Statements that started later run on.
   */
  public void cancelLongest(String reason) {
    PgSession longest = null;
    for (PgSession session : byPid.values()) {
      long since = session.runningSince();
      if (since != 0 && (longest == null || since < longest.runningSince())) {
        longest = session;
      }
    }
    if (longest != null) {
      longest.cancelRunning(reason);
    }
  }

  /** Binds and starts accepting; sessions run on daemon threads. */
  public PgWireServer(Config config) throws IOException {
    this.config = config;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(config.bind(), config.port()), 128);
    Thread acceptor = new Thread(this::accept, "divergence-pgwire-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    Thread watchdog = new Thread(() -> {
      while (!closed) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        sweepIdleTransactions(System.nanoTime(), IDLE_IN_TRANSACTION_SECONDS);
      }
    }, "divergence-pgwire-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Closes the sessions idle inside a transaction for more than {@code seconds} at {@code now}. */
  void sweepIdleTransactions(long now, int seconds) {
    for (PgSession session : byPid.values()) {
      session.closeIfIdleInTransaction(now, seconds);
    }
  }

  /** The port listened on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return listener.getLocalPort();
  }

  Config config() {
    return config;
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (handshakes.incrementAndGet() > config.maxConnections()) {
        PgSession oldest = pending.pollFirst();
        if (oldest != null) {
          oldest.close(); // its thread ends and counts it out
        }
      }
      int pid = nextPid.incrementAndGet();
      PgSession session = new PgSession(this, socket, pid, random.nextInt());
      pending.addLast(session);
      Thread t = new Thread(() -> {
        try {
          session.run();
        } finally {
          pending.remove(session);
          byPid.remove(pid);
          if (session.loggedIn()) {
            sessions.decrementAndGet();
          } else {
            handshakes.decrementAndGet();
          }
        }
      }, "divergence-pgwire-" + pid);
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * A session that has logged in moves from the handshakes' count to the sessions'; false (and
   * it counts as neither) when the sessions are full.
   */
  boolean admit(PgSession session) {
    if (sessions.incrementAndGet() > config.maxConnections()) {
      sessions.decrementAndGet();
      return false;
    }
    handshakes.decrementAndGet();
    pending.remove(session);
    byPid.put(session.pid(), session);
    return true;
  }

  /** Waits as long as earlier failed logins from this address or for this user ask. */
  /** Before a login: the delay its address has earned by failing. */
  void throttle(InetAddress address, String user) throws InterruptedException {
    int n = failures.getOrDefault(address, 0);
    if (n > 0) {
      Thread.sleep(delay(n));
    }
  }

  private static long delay(int failures) {
    return Math.min(4000L, 250L << Math.min(failures - 1, 4));
  }

  /**
   * After a wrong password for {@code user}: the refusal waits its turn behind the user's other
   * refusals, so guesses at one user from many addresses come one per delay, while that user's
   * right password is answered at once.
   */
  void delayFailure(String user) {
    Object lock = userLocks.computeIfAbsent(user, u -> new Object());
    synchronized (lock) {
      try {
        Thread.sleep(delay(failures.getOrDefault("user:" + user, 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void loginFailed(InetAddress address, String user) {
    failures.merge(address, 1, Integer::sum);
    failures.merge("user:" + user, 1, Integer::sum);
    refused(address, user, "wrong password or no such user");
  }

  /**
   * One line on the console for a refused login (no stack trace): who, from where, why. The
   * client's user name is shown escaped and cut, so a hostile one cannot forge lines.
   */
  void refused(InetAddress address, String user, String why) {
    System.err.println("divergence-sql: refused login of user \"" + printable(user) + "\" from "
        + address.getHostAddress() + ": " + why);
  }

  /** A client's text for the console: control characters and quotes escaped, cut at 64. */
  static String printable(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && i < 64; i++) {
      char c = text.charAt(i);
      b.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\'
          ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return text.length() > 64 ? b + "..." : b.toString();
  }

  void loginSucceeded(InetAddress address) {
    failures.remove(address);
  }

  /** A CancelRequest: cancels the running statement of the session with that key, if any. */
  void cancel(int pid, int secret) {
    PgSession s = byPid.get(pid);
    if (s != null && s.secret() == secret) {
      s.cancelRunning();
    }
  }

  /**
   * A new connection to the served database for a session. A Calcite model is opened with
   * Calcite's PostgreSQL function library besides the standard one (unless the URL or the
   * properties name one), so PostgreSQL spellings clients send, such as {@code '1.0'::float8},
   * parse and run.
   */
  Connection connect() throws SQLException {
    return connect(null, null);
  }

  /**
   * A connection as {@code user} with {@code password} when the served database's own users log
   * in ({@link Config#users()} null), else as the configured engine user.
   */
  Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.putAll(config.engineProperties());
    if (user != null) {
      p.setProperty("user", user);
      p.setProperty("password", password);
    }
    if (config.url().startsWith("jdbc:divergence:calcite:")
        && !config.url().toLowerCase(java.util.Locale.ROOT).contains("fun=")
        && p.stringPropertyNames().stream().noneMatch(k -> k.equalsIgnoreCase("fun"))) {
      p.setProperty("fun", "standard,postgresql");
    }
    return DriverManager.getConnection(config.url(), p);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (PgSession s : byPid.values()) {
      s.close();
    }
  }
}
