package io.github.divergencesql.core.registry;

/**
 * A constant option given as text (alpha, bins, k bound by a client that sends every parameter
 * as text), read as PostgreSQL's numeric and float8 input read it. Stateless and thread-safe.
 */
final class NumberText {
  private NumberText() {
  }

  /**
   * Text as PostgreSQL's numeric and float8 input read it: surrounding blanks ignored, a decimal
   * number with optional sign, fraction and exponent, or NaN / Infinity / -Infinity (which the
   * option's own check then refuses); null for anything else.
   */
  static Number parse(String text) {
    String t = text.strip();
    if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      try {
        return new java.math.BigDecimal(t);
      } catch (NumberFormatException e) { // an exponent beyond BigDecimal's range
        return Double.parseDouble(t);
      }
    }
    return switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }
}
