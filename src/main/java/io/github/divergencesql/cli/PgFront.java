package io.github.divergencesql.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening side of {@code --pg}: a PostgreSQL-protocol front that checks what a client may
 * make the server hold before it has logged in, then relays bytes to H2's PostgreSQL server,
 * which listens on a private loopback port.
 *
 * <ul>
 *   <li>Before login, a startup packet or password message longer than {@link #MAX_HANDSHAKE}
 *       bytes is refused (H2 would allocate whatever length a client announces), and a
 *       handshake that has not logged in after {@code handshakeSeconds} is closed.
 *   <li>At most {@code maxConnections} clients at once; one more gets SQLSTATE 53300 and is
 *       closed at once (no thread waits for it).
 *   <li>A wrong password delays that client address's next attempt (250 ms, doubling to 4 s),
 *       not everyone's: H2's own server-wide delay is switched off ({@link PgServer}).
 *   <li>After login, a message longer than {@link #MAX_MESSAGE} bytes is refused; a client that
 *       disconnects while its statement runs has the statement cancelled (a PostgreSQL
 *       CancelRequest with the key H2 gave it), and {@link #cancelRunning} cancels every
 *       running statement (when the heap is nearly full).
 *   <li>The query text of a client's Query and Parse messages passes through
 *       {@link PgDialect#rewrite}: PostgreSQL spellings from client catalog probes that H2 does
 *       not parse.
 * </ul>
 */
final class PgFront implements Closeable {
  static final int MAX_HANDSHAKE = 10_000;
  static final int MAX_MESSAGE = 64 << 20;
  private static final int SSL_REQUEST = 80877103;
  private static final int CANCEL_REQUEST = 80877102;

  private final ServerSocket listener;
  private final int backendPort;
  private final int maxConnections;
  private final int handshakeMillis;
  private final AtomicInteger active = new AtomicInteger();
  /** Per client address: consecutive failed logins and when the next attempt may proceed. */
  private final Map<InetAddress, long[]> failures = new ConcurrentHashMap<>();
  /** The logged-in sessions: {key known, pid, secret, busy, cancelled for memory}. */
  private final Set<int[]> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  PgFront(InetAddress bind, int port, int backendPort, int maxConnections, int handshakeSeconds)
      throws IOException {
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(bind, port), 128);
    this.backendPort = backendPort;
    this.maxConnections = maxConnections;
    this.handshakeMillis = handshakeSeconds * 1000;
    Thread acceptor = new Thread(this::accept, "divergence-pg-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        continue; // closed, or one failed accept: keep serving
      } catch (Throwable t) {
        // an Error (out of memory): this thread must stay alive for everyone else
        pause(100);
        continue;
      }
      try {
        if (active.incrementAndGet() > maxConnections) {
          active.decrementAndGet();
          refuse(client, "53300", "too many connections (the server allows " + maxConnections
              + "; --pg-max-connections)");
          continue;
        }
        Thread t = new Thread(() -> serve(client), "divergence-pg-client");
        t.setDaemon(true);
        t.start();
      } catch (Throwable t) {
        active.decrementAndGet();
        closeQuietly(client);
      }
    }
  }

  private void serve(Socket client) {
    Socket backend = null;
    try {
      client.setSoTimeout(handshakeMillis);
      client.setTcpNoDelay(true);
      long deadline = System.nanoTime() + handshakeMillis * 1_000_000L;
      DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
      OutputStream out = client.getOutputStream();
      byte[] startup;
      while (true) {
        checkDeadline(deadline, client); // SSL requests do not extend the handshake
        startup = readHandshake(in, client, 0);
        int code = ((startup[4] & 0xff) << 24) | ((startup[5] & 0xff) << 16)
            | ((startup[6] & 0xff) << 8) | (startup[7] & 0xff);
        if (code == SSL_REQUEST) {
          out.write('N');
          out.flush();
          continue;
        }
        if (code == CANCEL_REQUEST) {
          try (Socket cancel = backend()) {
            cancel.getOutputStream().write(startup);
            cancel.getOutputStream().flush();
          }
          return;
        }
        break;
      }
      backend = backend();
      DataInputStream fromServer =
          new DataInputStream(new BufferedInputStream(backend.getInputStream()));
      DataOutputStream toServer =
          new DataOutputStream(new BufferedOutputStream(backend.getOutputStream()));
      toServer.write(startup);
      toServer.flush();
      // H2 asks for a cleartext password, or closes (unknown database)
      byte[] ask = readMessage(fromServer, MAX_HANDSHAKE);
      if (ask == null) {
        refuse(client, "3D000", "no such database, or the server refused the startup packet");
        return;
      }
      out.write(ask);
      out.flush();
      checkDeadline(deadline, client);
      byte[] password = readHandshake(in, client, 'p');
      InetAddress address = client.getInetAddress();
      waitForTurn(address, deadline);
      toServer.write(password);
      toServer.flush();
      byte[] answer = readMessage(fromServer, MAX_HANDSHAKE);
      if (answer == null || answer[0] != 'R' || answer.length < 9 || answer[8] != 0) {
        failed(address);
        refuse(client, "28P01", "password authentication failed, or the user may not log in");
        return;
      }
      failures.remove(address);
      out.write(answer);
      out.flush();
      client.setSoTimeout(0);
      relay(client, in, out, backend, fromServer, toServer);
    } catch (SocketTimeoutException e) {
      refuse(client, "08006", "the login did not complete in time");
    } catch (IOException | RuntimeException e) {
      // the client went away or sent garbage: nothing to keep
    } finally {
      closeQuietly(backend);
      closeQuietly(client);
      active.decrementAndGet();
    }
  }

  /** After login: bytes both ways; the statement of a client that leaves is cancelled. */
  private void relay(Socket client, DataInputStream in, OutputStream out, Socket backend,
      DataInputStream fromServer, DataOutputStream toServer) throws IOException {
    int[] state = new int[5]; // key known, pid, secret, busy, cancelled for memory
    sessions.add(state);
    OutputStream toClient = new BufferedOutputStream(out, 1 << 16);
    Thread down = new Thread(() -> {
      try {
        while (true) {
          byte[] m = readMessage(fromServer, Integer.MAX_VALUE);
          if (m == null) {
            break;
          }
          if (m[0] == 'K' && m.length >= 13) {
            synchronized (state) {
              state[1] = readInt(m, 5);
              state[2] = readInt(m, 9);
              state[0] = 1;
            }
          } else if (m[0] == 'Z') {
            synchronized (state) {
              state[3] = 0;
              state[4] = 0;
            }
          } else if (m[0] == 'E') {
            synchronized (state) {
              if (state[4] == 1) { // H2 says "canceling statement due to user request"
                m = error("ERROR", "53200", "the statement was cancelled: the server's heap "
                    + "was nearly full (more than " + Math.round(MemoryGuard.FRACTION * 100)
                    + " % live after a collection); give it more memory (-Xmx) or ask for less");
                state[4] = 0;
              }
            }
          }
          synchronized (toClient) {
            toClient.write(m);
            if (fromServer.available() == 0) {
              toClient.flush();
            }
          }
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(client);
      }
    }, "divergence-pg-down");
    down.setDaemon(true);
    down.start();
    try {
      while (true) {
        byte[] m = readMessage(in, MAX_MESSAGE);
        if (m == null || m[0] == 'X') {
          break;
        }
        m = PgDialect.rewriteMessage(m);
        if (m[0] == 'Q' && IGNORED_SET.matcher(text(m)).matches()) {
          boolean idle;
          synchronized (state) {
            idle = state[3] == 0;
          }
          if (idle) { // answered here: H2 does not know the setting, and it changes nothing
            synchronized (toClient) {
              toClient.write(SET_DONE);
              toClient.flush();
            }
            continue;
          }
        }
        synchronized (state) {
          state[3] = 1;
        }
        toServer.write(m);
        if (in.available() == 0) {
          toServer.flush();
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      sessions.remove(state);
      cancelIfRunning(state);
    }
  }

  /**
   * Settings that PostgreSQL clients send and H2 cannot parse, which change nothing H2 sends:
   * pgjdbc's {@code SET extra_float_digits = 2} for a server that reports version 8 (H2 does;
   * H2 prints doubles in full anyway).
   */
  private static final java.util.regex.Pattern IGNORED_SET = java.util.regex.Pattern.compile(
      "(?is)\\s*SET\\s+(SESSION\\s+)?extra_float_digits\\s*(=|TO)\\s*[-+]?\\d+\\s*;?\\s*");

  /** CommandComplete "SET", then ReadyForQuery (idle). */
  private static final byte[] SET_DONE = {'C', 0, 0, 0, 8, 'S', 'E', 'T', 0,
      'Z', 0, 0, 0, 5, 'I'};

  /** The query text of a simple Query message. */
  private static String text(byte[] m) {
    int end = m.length;
    while (end > 5 && m[end - 1] == 0) {
      end--;
    }
    return new String(m, 5, end - 5, StandardCharsets.UTF_8);
  }

  private void cancelIfRunning(int[] state) {
    int pid;
    int secret;
    synchronized (state) {
      if (state[0] != 1 || state[3] != 1) {
        return;
      }
      pid = state[1];
      secret = state[2];
    }
    cancel(pid, secret);
  }

  /** Cancels every statement that is running now (the heap is nearly full: MemoryGuard). */
  void cancelRunning() {
    for (int[] state : sessions) {
      synchronized (state) {
        if (state[3] == 1) {
          state[4] = 1; // its client gets our message, not H2's "user request"
        }
      }
      cancelIfRunning(state);
    }
  }

  private void cancel(int pid, int secret) {
    try (Socket s = backend(); DataOutputStream o = new DataOutputStream(s.getOutputStream())) {
      o.writeInt(16);
      o.writeInt(CANCEL_REQUEST);
      o.writeInt(pid);
      o.writeInt(secret);
      o.flush();
    } catch (IOException e) {
      // the server is gone too
    }
  }

  private Socket backend() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), backendPort);
    s.setTcpNoDelay(true);
    return s;
  }

  /**
   * One handshake message from the client: type 0 for a startup packet (length first), else the
   * type byte it must have; at most {@link #MAX_HANDSHAKE} bytes. Returns the whole message.
   */
  private static byte[] readHandshake(DataInputStream in, Socket client, int type)
      throws IOException {
    if (type != 0) {
      int t = in.read();
      if (t != type) {
        throw new EOFException("expected message " + (char) type);
      }
    }
    int length = in.readInt();
    if (length < (type == 0 ? 8 : 4) || length > MAX_HANDSHAKE) {
      refuse(client, "08P01", "a message of " + length + " bytes before login (at most "
          + MAX_HANDSHAKE + ")");
      throw new EOFException("oversized handshake");
    }
    int head = type == 0 ? 0 : 1;
    byte[] m = new byte[head + length];
    if (type != 0) {
      m[0] = (byte) type;
    }
    writeInt(m, head, length);
    in.readFully(m, head + 4, length - 4);
    return m;
  }

  /** One typed message (type byte, length, body), or null at the end of the stream. */
  private static byte[] readMessage(DataInputStream in, int max) throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length < 4 || length > max) {
      throw new IOException("message of " + length + " bytes (at most " + max + ")");
    }
    byte[] m = new byte[1 + length];
    m[0] = (byte) type;
    writeInt(m, 1, length);
    in.readFully(m, 5, length - 4);
    return m;
  }

  private void waitForTurn(InetAddress address, long deadline) throws IOException {
    long[] f = failures.get(address);
    if (f != null) {
      long wait = f[1] - System.nanoTime();
      if (wait > 0) {
        long left = deadline - System.nanoTime();
        pause(Math.min(wait, Math.max(0, left)) / 1_000_000L);
        if (wait > left) {
          throw new SocketTimeoutException("throttled"); // slowed down all the same
        }
      }
    }
  }

  private void failed(InetAddress address) {
    failures.compute(address, (a, f) -> {
      long count = f == null ? 1 : f[0] + 1;
      long delayMillis = Math.min(4000, 250L << Math.min(4, count - 1));
      return new long[] {count, System.nanoTime() + delayMillis * 1_000_000L};
    });
  }

  private static void checkDeadline(long deadline, Socket client) throws IOException {
    int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
    if (left <= 0) {
      throw new SocketTimeoutException("handshake");
    }
    client.setSoTimeout(left);
  }

  /** A PostgreSQL ErrorResponse message. */
  private static byte[] error(String severity, String sqlState, String message) {
    byte[] s = ("S" + severity + "\0C" + sqlState + "\0Mdivergence-sql: " + message + "\0\0")
        .getBytes(StandardCharsets.UTF_8);
    byte[] m = new byte[5 + s.length];
    m[0] = 'E';
    writeInt(m, 1, 4 + s.length);
    System.arraycopy(s, 0, m, 5, s.length);
    return m;
  }

  /** Sends a PostgreSQL ErrorResponse and closes the socket. */
  private static void refuse(Socket client, String sqlState, String message) {
    try {
      byte[] m = error("FATAL", sqlState, message);
      client.setSoTimeout(1000);
      client.getOutputStream().write(m);
      client.getOutputStream().flush();
    } catch (IOException e) {
      // the client is gone already
    } finally {
      closeQuietly(client);
    }
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
