package io.github.divergencesql.cli;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.jdbc.DivergenceDriver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The shell's driver: {@link DivergenceDriver}, whose connections also list our functions in
 * {@link DatabaseMetaData#getNumericFunctions()}, where sqlline's tab completion takes function
 * names from (with tables and columns from {@code getTables}/{@code getColumns}). Installed in
 * place of {@link DivergenceDriver} in the command line's own process only.
 */
final class ShellDriver extends DelegatingDriver {
  ShellDriver() {
    super(new DivergenceDriver());
  }

  /** Puts this driver in {@link DivergenceDriver}'s place in {@link DriverManager}. */
  static void install() throws SQLException {
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d instanceof DivergenceDriver) {
        DriverManager.deregisterDriver(d);
      }
    }
    DriverManager.registerDriver(new ShellDriver());
  }

  /** Our function names, comma-separated, as JDBC lists functions. */
  static final String FUNCTIONS = Arrays.stream(DivergenceFunction.values())
      .map(Enum::name).collect(Collectors.joining(","));

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection c = super.connect(url, info);
    if (c == null) {
      return null;
    }
    return (Connection) Proxy.newProxyInstance(ShellDriver.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          Object result = call(c, method, args);
          if (method.getName().equals("getMetaData") && result instanceof DatabaseMetaData m) {
            return metaData(m, (Connection) proxy);
          }
          return result;
        });
  }

  private static DatabaseMetaData metaData(DatabaseMetaData m, Connection connection) {
    InvocationHandler h = (proxy, method, args) -> switch (method.getName()) {
      case "getNumericFunctions" -> {
        String theirs = m.getNumericFunctions();
        yield theirs == null || theirs.isEmpty() ? FUNCTIONS : theirs + "," + FUNCTIONS;
      }
      case "getConnection" -> connection;
      default -> call(m, method, args);
    };
    return (DatabaseMetaData) Proxy.newProxyInstance(ShellDriver.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, h);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
