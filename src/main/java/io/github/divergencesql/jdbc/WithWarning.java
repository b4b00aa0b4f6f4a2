package io.github.divergencesql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLWarning;

/**
 * A connection that reports one warning of ours first in {@code getWarnings()} (until
 * {@code clearWarnings()}), e.g. that the functions are unavailable in a read-only database;
 * every other call goes to the connection itself.
 */
final class WithWarning implements InvocationHandler {
  private final Connection target;
  private SQLWarning warning;

  private WithWarning(Connection target, SQLWarning warning) {
    this.target = target;
    this.warning = warning;
  }

  static Connection wrap(Connection c, SQLWarning warning) {
    return (Connection) Proxy.newProxyInstance(WithWarning.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new WithWarning(c, warning));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = args == null ? 0 : args.length;
    if (arity == 0 && method.getName().equals("getWarnings") && warning != null) {
      SQLWarning ours = new SQLWarning(warning.getMessage(), warning.getSQLState());
      ours.setNextWarning(target.getWarnings());
      return ours;
    }
    if (arity == 0 && method.getName().equals("clearWarnings")) {
      warning = null;
    }
    if (arity == 1 && method.getName().equals("equals")) {
      return proxy == args[0];
    }
    if (arity == 0 && method.getName().equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
