package io.github.divergencesql.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users the server lets in when the database has none of its own (a Calcite model): one a
 * line, {@code name:password} or {@code name:SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>}
 * (PostgreSQL's stored form, so the file need not hold a password), or {@code name:md5<32 hex
 * digits>} (PostgreSQL's older stored form, md5 of the password followed by the name: that
 * user logs in with md5, as PostgreSQL does for such a password); blank lines and lines
 * starting with {@code #} are skipped. Read from a file or an environment variable, never from
 * the command line (which {@code ps} shows).
 */
public final class PgUsers {
  /**
   * One user: the SCRAM verifier, the password when the line gave one, or the md5 hash (then
   * no verifier: the user logs in with md5).
   */
  record User(Scram.Verifier verifier, String password, String md5) {}

  private final Map<String, User> users;

  private PgUsers(Map<String, User> users) {
    this.users = users;
  }

  /** The users of a file. */
  public static PgUsers read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The users of {@code text} ({@code source} names it in errors). */
  public static PgUsers parse(String text, String source) {
    Map<String, User> users = new LinkedHashMap<>();
    int number = 0;
    for (String line : text.split("\\R")) {
      number++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0 || colon == l.length() - 1) {
        throw new IllegalArgumentException(source + ": line " + number
            + " is not name:password, name:SCRAM-SHA-256$... or name:md5...");
      }
      String name = l.substring(0, colon);
      String secret = l.substring(colon + 1);
      if (secret.matches("md5[0-9a-f]{32}")) {
        users.put(name, new User(null, null, secret));
        continue;
      }
      Scram.Verifier verifier = Scram.Verifier.parse(secret);
      if (secret.startsWith(Scram.MECHANISM + "$") && verifier == null) {
        throw new IllegalArgumentException(source + ": line " + number
            + ": the SCRAM verifier of " + name + " is malformed");
      }
      users.put(name, verifier != null ? new User(verifier, null, null)
          : new User(Scram.Verifier.of(secret), secret, null));
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException(source + " names no user");
    }
    return new PgUsers(Map.copyOf(users));
  }

  User get(String name) {
    return users.get(name);
  }
}
