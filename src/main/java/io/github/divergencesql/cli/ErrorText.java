package io.github.divergencesql.cli;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error as one line of words for the command line: no exception class names, no stack trace,
 * no echo of the statement (the line number says where), and for a function name that is not
 * known, the nearest of ours.
 */
final class ErrorText {
  private ErrorText() {
  }

  /** {@code java.io.FileNotFoundException: } and the like, anywhere in a message. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|\\b)");
  /** H2's echo of the statement and its error code: {@code ; SQL statement: ... [90022-252]}. */
  private static final Pattern H2_TAIL =
      Pattern.compile("(?s);\\s*SQL statement:.*$|\\s*\\[\\d{5}-\\d+]\\s*$");
  /** Calcite's {@code Error while executing SQL "...": }. */
  private static final Pattern CALCITE_HEAD =
      Pattern.compile("(?s)^Error while executing SQL \".*?\": ");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile(
      "Function \"([^\"]+)\" not found|No match found for function signature ([\\w$]+)\\(");

  /** The message of {@code e} in one line. */
  static String of(Throwable e) {
    Throwable t = e;
    String text = clean(t);
    // a wrapper's words say nothing of the cause: use the deepest cause that says something
    while (t.getCause() != null && t.getCause() != t && (text.isEmpty() || wrapper(text))) {
      t = t.getCause();
      String deeper = clean(t);
      if (!deeper.isEmpty()) {
        text = deeper;
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof FileNotFoundException || root instanceof NoSuchFileException) {
      String m = root.getMessage() == null ? "" : root.getMessage();
      int paren = m.indexOf(" (");
      text = "no such file: " + (paren > 0 ? m.substring(0, paren) : m);
    } else if (root instanceof UnknownHostException) {
      text = "unknown host " + root.getMessage();
    } else if (root instanceof ConnectException && text.isEmpty()) {
      text = "nothing answers (" + root.getMessage() + ")";
    }
    if (text.isEmpty()) {
      text = "failed without a message (" + e.getClass().getSimpleName() + ")";
    }
    if (text.startsWith("Database may be already in use")) {
      int end = text.indexOf(". Possible solutions");
      text = (end > 0 ? text.substring(0, end) : text) + ": another process has it open (if "
          + "it is a --pg server, connect through it: --url jdbc:postgresql://HOST:PORT/NAME)";
    }
    String suggestion = suggestion(text);
    return suggestion == null ? text : text + " (did you mean " + suggestion + "?)";
  }

  private static boolean wrapper(String text) {
    return text.startsWith("Cannot create PoolableConnectionFactory")
        || text.startsWith("Error while executing SQL")
        || text.equals("exception while executing query")
        || text.startsWith("Error instantiating");
  }

  private static String clean(Throwable t) {
    String m = t.getMessage();
    if (m == null) {
      return "";
    }
    m = CALCITE_HEAD.matcher(m).replaceFirst("");
    m = H2_TAIL.matcher(m).replaceAll("");
    m = CLASS_NAME.matcher(m).replaceAll("");
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** For "function X not found": the nearest of our function names, or null. */
  static String suggestion(String message) {
    Matcher m = UNKNOWN_FUNCTION.matcher(message);
    if (!m.find()) {
      return null;
    }
    String name = (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.name().equals(name)) {
        return null; // ours, called with the wrong arguments: the message says so
      }
      int d = distance(name, f.name());
      if (d < bestDistance) {
        best = f.name();
        bestDistance = d;
      }
    }
    // a slip of a few letters, not a different word
    return bestDistance <= Math.max(1, Math.min(3, name.length() / 4)) ? best : null;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
