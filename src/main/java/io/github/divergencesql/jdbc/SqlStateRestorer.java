package io.github.divergencesql.jdbc;

import io.github.divergencesql.core.InvalidArgumentException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Wraps a Calcite connection (and the statements, result sets and metadata it hands out) so that
 * an error raised by one of our functions reaches the client as an {@link SQLException} with
 * the SQLState our exception names (class 22): Calcite reports it without SQLState, or,
 * for an error while a row is fetched, as an unchecked exception from {@code ResultSet.next()}.
 * Every other call and error passes through unchanged.
 */
final class SqlStateRestorer implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class);

  private final Object target;

  private SqlStateRestorer(Object target) {
    this.target = target;
  }

  static Connection wrap(Connection c) {
    return (Connection) proxy(c, Connection.class);
  }

  private static Object proxy(Object target, Class<?> type) {
    return Proxy.newProxyInstance(SqlStateRestorer.class.getClassLoader(), new Class<?>[] {type},
        new SqlStateRestorer(target));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
    Class<?> type = method.getReturnType();
    if (result != null && type.isInterface() && WRAPPED.contains(type)) {
      return proxy(result, type);
    }
    return result;
  }

  /** Our error as SQLState 22023; anything else as it was. */
  static Throwable translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidArgumentException ours) {
        String message = t instanceof SQLException ? t.getMessage() : ours.getMessage();
        return new SQLException(message, ours.sqlState(), t);
      }
    }
    return t;
  }
}
