package io.github.divergencesql.jdbc;

/**
 * A string as a JSON string literal (RFC 8259): quotes, backslash and control characters
 * escaped. One definition for the command line's {@code --format json} and the PostgreSQL
 * catalog's {@code json_build_object}.
 */
public final class JsonText {
  private JsonText() {
  }

  /** {@code text} quoted as JSON; {@code null} for a null text. */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
