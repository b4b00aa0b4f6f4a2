package io.github.divergencesql.jdbc;

/**
 * What the scanners of SQL text share (the driver's parameter typing, the command line's
 * statement splitter, the PostgreSQL server's {@code $n} parameters): where a quoted literal or
 * name ends, a doubled quote standing for itself ({@code 'it''s'}, {@code "a""b"}).
 */
public final class SqlText {
  private SqlText() {}

  /**
   * The index of the quote that closes the one at {@code open} (the character there is the
   * quote), or -1 when the text ends first.
   */
  public static int closingQuote(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }
}
