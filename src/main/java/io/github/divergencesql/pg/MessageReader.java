package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgSession.MAX_MESSAGE;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A session's reader thread ({@link PgSession}): it takes the client's messages off the socket
 * while the session works, into a queue of a few that the session takes them from, so a client
 * that leaves while its statement runs is seen at once and the statement is cancelled.
 */
final class MessageReader {
  /** A message from the client; type -1: it left, -2: idle too long, -3: a bad length. */
  record Message(int type, byte[] body) {}

  private final PgSession session;
  private final PgMessages messages;
  private final DataInputStream in;
  private final java.util.concurrent.BlockingQueue<Message> inbox =
      new java.util.concurrent.ArrayBlockingQueue<>(4);

  MessageReader(PgSession session, PgMessages messages) {
    this.session = session;
    this.messages = messages;
    this.in = messages.in();
  }

  /** Starts the reader thread. */
  void start() {
    Thread reader = new Thread(() -> read(inbox), "divergence-pgwire-read-" + session.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** The next message, once there is one. */
  Message take() throws InterruptedException {
    return inbox.take();
  }

  /** The reader thread: messages into {@code inbox} until the client leaves or idles too long. */
  private void read(java.util.concurrent.BlockingQueue<Message> inbox) {
    try {
      while (true) {
        int type;
        try {
          type = in.read();
        } catch (SocketTimeoutException e) {
          // no message for --pg-idle-timeout, none running
          if (!session.busy() && inbox.isEmpty()) {
            inbox.put(new Message(-2, null));
            return;
          }
          continue;
        }
        if (type < 0) {
          session.cancelRunning();
          inbox.put(new Message(-1, null));
          return;
        }
        int length = in.readInt();
        if (length < 4 || length - 4 > MAX_MESSAGE) {
          inbox.put(new Message(-3, null));
          return;
        }
        byte[] body = messages.readBytes(length - 4);
        inbox.put(new Message(type, body));
        if (type == 'X') {
          return;
        }
      }
    } catch (IOException e) {
      session.cancelRunning();
      try { // the session takes it once it is done with what it has; unless it ended first
        while (!session.ended() && !inbox.offer(new Message(-1, null), 1, TimeUnit.SECONDS)) {
          session.cancelRunning();
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
