package io.github.divergencesql.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code --driver-jar}: JDBC drivers from jars the user names, for a Calcite model's
 * {@code jdbc} schema. The jars get a class loader of their own, which becomes the thread's
 * context class loader (Calcite's pool loads a model's {@code jdbcDriver} class through it),
 * and each driver they declare ({@code META-INF/services/java.sql.Driver}) is registered with
 * {@link DriverManager} through a {@link Shim}: DriverManager hands out only drivers whose
 * class its caller's class loader can see.
 */
final class DriverJars {
  private DriverJars() {}

  static void load(List<Path> jars) throws IOException, SQLException {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IOException(e);
      }
    }
    URLClassLoader loader = new URLClassLoader(urls, DriverJars.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getClassLoader() == loader) {
        DriverManager.registerDriver(new Shim(d));
      }
    }
  }

  /** A driver from another class loader, registered under ours. */
  private static final class Shim extends DelegatingDriver {
    Shim(Driver driver) {
      super(driver);
    }
  }
}
