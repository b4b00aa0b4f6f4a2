package io.github.divergencesql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of divergence-sql, from one place: the POM's {@code <version>}, which the build
 * writes into {@code io/github/divergencesql/version.properties}.
 */
public final class Version {
  /** E.g. {@code 0.1.0}. */
  public static final String VERSION = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream(
        "/io/github/divergencesql/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first number of {@link #VERSION}. */
  public static int major() {
    return part(0);
  }

  /** The second number of {@link #VERSION}. */
  public static int minor() {
    return part(1);
  }

  private static int part(int i) {
    String[] parts = VERSION.split("[.-]");
    return i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
  }
}
