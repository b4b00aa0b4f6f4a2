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
 * <p>Limits: at most {@code maxConnections} sessions, logged in or not (one more is told
 * SQLSTATE 53300 and closed); a client that has not logged in after {@code handshakeSeconds},
 * or is idle after it for {@code idleSeconds} (0: never), is disconnected; every statement runs
 * at most {@code statementSeconds} (0: no limit), which a client can lower but not lift.
 */
public final class PgWireServer implements Closeable {
  /** What the server serves and how. */
  public record Config(InetAddress bind, int port, String url, Properties engineProperties,
      PgUsers users, int maxConnections, int handshakeSeconds, int idleSeconds,
      int statementSeconds) {}

  private final Config config;
  private final ServerSocket listener;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger nextPid = new AtomicInteger(1000);
  private final Map<Integer, PgSession> byPid = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;

  /** Binds and starts accepting; sessions run on daemon threads. */
  public PgWireServer(Config config) throws IOException {
    this.config = config;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(config.bind(), config.port()), 128);
    Thread acceptor = new Thread(this::accept, "divergence-pgwire-accept");
    acceptor.setDaemon(true);
    acceptor.start();
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
      boolean admitted = sessions.incrementAndGet() <= config.maxConnections();
      int pid = nextPid.incrementAndGet();
      PgSession session = new PgSession(this, socket, pid, random.nextInt(), admitted);
      Thread t = new Thread(() -> {
        try {
          session.run();
        } finally {
          byPid.remove(pid);
          sessions.decrementAndGet();
        }
      }, "divergence-pgwire-" + pid);
      t.setDaemon(true);
      t.start();
    }
  }

  void register(PgSession session) {
    byPid.put(session.pid(), session);
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
    Properties p = new Properties();
    p.putAll(config.engineProperties());
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
