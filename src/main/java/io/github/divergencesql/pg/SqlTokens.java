package io.github.divergencesql.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical structure, enough to translate a statement without touching the text
 * inside its string literals, quoted names and comments: a client's {@code 'a ~ b'} stays
 * {@code 'a ~ b'}. Joining the tokens' texts gives back the statement exactly.
 */
final class SqlTokens {
  enum Kind { SPACE, WORD, QUOTED, STRING, NUMBER, PARAM, OPERATOR, PUNCT }

  /**
   * One token.
   *
   * @param text the token as written
   * @param value a WORD in lower case, a QUOTED name or STRING literal unquoted (escapes of
   *     {@code E'...'} applied), otherwise the text
   */
  record Token(Kind kind, String text, String value) {
    boolean is(String word) {
      return (kind == Kind.WORD && value.equals(word))
          || ((kind == Kind.PUNCT || kind == Kind.OPERATOR) && text.equals(word));
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }
  }

  private SqlTokens() { }

  static List<Token> of(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.SPACE, sql.substring(start, i), " "));
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        out.add(new Token(Kind.SPACE, sql.substring(start, i), " "));
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int depth = 0; // PostgreSQL's block comments nest
        do {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0 && i < n);
        out.add(new Token(Kind.SPACE, sql.substring(start, i), " "));
      } else if (c == '\'') {
        i = quoted(sql, i, '\'', false);
        out.add(new Token(Kind.STRING, sql.substring(start, i),
            unquote(sql.substring(start, i), '\'', false)));
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
          && !wordBefore(sql, i)) {
        i = quoted(sql, i + 1, '\'', true);
        out.add(new Token(Kind.STRING, sql.substring(start, i),
            unquote(sql.substring(start + 1, i), '\'', true)));
      } else if (c == '"') {
        i = quoted(sql, i, '"', false);
        out.add(new Token(Kind.QUOTED, sql.substring(start, i),
            unquote(sql.substring(start, i), '"', false)));
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.PARAM, sql.substring(start, i), sql.substring(start + 1, i)));
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? n : end + tag.length();
        String body = end < 0 ? sql.substring(start + tag.length())
            : sql.substring(start + tag.length(), end);
        out.add(new Token(Kind.STRING, sql.substring(start, i), body));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        String word = sql.substring(start, i);
        out.add(new Token(Kind.WORD, word, word.toLowerCase(Locale.ROOT)));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n
          && Character.isDigit(sql.charAt(i + 1)))) {
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
          int j = i + 1;
          if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
            j++;
          }
          if (j < n && Character.isDigit(sql.charAt(j))) {
            i = j;
            while (i < n && Character.isDigit(sql.charAt(i))) {
              i++;
            }
          }
        }
        out.add(new Token(Kind.NUMBER, sql.substring(start, i), sql.substring(start, i)));
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i += 2;
        out.add(new Token(Kind.PUNCT, "::", "::"));
      } else if ("(),;[].:".indexOf(c) >= 0) {
        i++;
        out.add(new Token(Kind.PUNCT, String.valueOf(c), String.valueOf(c)));
      } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
        while (i < n && "+-*/<>=~!@#%^&|`?".indexOf(sql.charAt(i)) >= 0
            && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
          i++;
        }
        out.add(new Token(Kind.OPERATOR, sql.substring(start, i), sql.substring(start, i)));
      } else {
        i++;
        out.add(new Token(Kind.PUNCT, String.valueOf(c), String.valueOf(c)));
      }
    }
    return out;
  }

  static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokens) {
      b.append(t.text());
    }
    return b.toString();
  }

  /** A standard SQL string literal holding {@code value}. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A quoted name holding {@code value}. */
  static String quotedName(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static boolean wordBefore(String sql, int i) {
    return i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_');
  }

  /** The index after the quote that closes the one at {@code i}, or the end of the text. */
  private static int quoted(String sql, int i, char quote, boolean backslash) {
    int n = sql.length();
    int j = i + 1;
    while (j < n) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < n && sql.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return n;
  }

  private static String unquote(String text, char quote, boolean backslash) {
    int end = text.length() > 1 && text.charAt(text.length() - 1) == quote ? text.length() - 1
        : text.length();
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < end; i++) {
      char c = text.charAt(i);
      if (c == quote && i + 1 < end && text.charAt(i + 1) == quote) {
        b.append(quote);
        i++;
      } else if (backslash && c == '\\' && i + 1 < end) {
        char e = text.charAt(++i);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code $$} or {@code $tag$} starting at {@code i}, or null. */
  static String dollarTag(String text, int i) {
    int j = i + 1;
    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j))
        || text.charAt(j) == '_')) {
      j++;
    }
    if (j < text.length() && text.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
      return text.substring(i, j + 1);
    }
    return null;
  }

  /** The index of the parenthesis that closes the one at {@code open} (the last token if none). */
  static int closing(List<Token> in, int open) {
    int depth = 0;
    for (int k = open; k < in.size(); k++) {
      if (in.get(k).is("(")) {
        depth++;
      } else if (in.get(k).is(")") && --depth == 0) {
        return k;
      }
    }
    return in.size() - 1;
  }

  /** The first token at or after {@code from} that is not white space ({@code in.size()} if none). */
  static int nextSolid(List<Token> in, int from) {
    int j = from;
    while (j < in.size() && in.get(j).kind() == Kind.SPACE) {
      j++;
    }
    return j;
  }

  /** The last token at or before {@code from} that is not white space (-1 if none). */
  static int previousSolid(List<Token> in, int from) {
    int j = from;
    while (j >= 0 && in.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j;
  }

  /**
   * The first token that is {@code word} (a keyword or punctuation) directly inside the
   * parenthesis at {@code open}, before {@code close}, not in a nested one; -1 if none.
   */
  static int atTopLevel(List<Token> in, int open, int close, String word) {
    int depth = 0;
    for (int k = open; k < close; k++) {
      if (in.get(k).is("(")) {
        depth++;
      } else if (in.get(k).is(")")) {
        depth--;
      } else if (depth == 1 && in.get(k).is(word)) {
        return k;
      }
    }
    return -1;
  }
}
