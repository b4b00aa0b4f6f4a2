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
 * Every other call and error passes through unchanged, but for what JDBC asks of a wrapper:
 * {@code getConnection()} of a statement or metadata returns the wrapped connection,
 * {@code getStatement()} of a result set the wrapped statement, and {@code equals}/{@code
 * hashCode} are those of the wrapper itself ({@code conn.equals(conn)}). Also, as a JDBC
 * driver's connection should: {@code commit()} and {@code rollback()} do nothing (Calcite has no
 * transactions: a statement takes effect as it runs, and Calcite threw
 * UnsupportedOperationException, which crashes a pool or tool in manual-commit mode) — but a
 * rollback after a statement that changed rows is an SQLException (0A000), since those changes
 * were written as they ran;
 * {@code DatabaseMetaData.getURL()} is the URL the client gave ({@code jdbc:divergence:calcite:
 * ...}); the metadata's function and procedure calls list our functions with their
 * parameters ({@link FunctionCatalog}).
 */
final class SqlStateRestorer implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class);

  private final Object target;
  /** The URL the connection was opened with. */
  private final String url;
  /** The wrapped connection these objects came from (null for the connection itself). */
  private final Object connection;
  /** The wrapper that handed this one out: a connection, statement or metadata. */
  private final Object parent;

  /**
   * Whether a statement of this connection changed data since the last commit (Calcite writes
   * to a JDBC source as each statement runs, so such a change cannot be rolled back).
   */
  private final boolean[] changed;

  private SqlStateRestorer(Object target, String url, Object connection, Object parent,
      boolean[] changed) {
    this.target = target;
    this.changed = changed;
    this.url = url;
    this.connection = connection;
    this.parent = parent;
  }

  static Connection wrap(Connection c, String url) {
    return (Connection) proxy(c, url, Connection.class, null, null, new boolean[1]);
  }

  private static Object proxy(Object target, String url, Class<?> type, Object connection,
      Object parent, boolean[] changed) {
    return Proxy.newProxyInstance(SqlStateRestorer.class.getClassLoader(), new Class<?>[] {type},
        new SqlStateRestorer(target, url, connection, parent, changed));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "equals":
        if (arity == 1) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "getConnection":
        if (arity == 0 && connection != null) {
          return connection;
        }
        break;
      case "getStatement":
        if (arity == 0 && parent instanceof Statement) {
          return parent;
        }
        break;
      case "commit":
        if (arity == 0 && target instanceof Connection) {
          changed[0] = false;
          return null;
        }
        break;
      case "rollback":
        if (arity == 0 && target instanceof Connection) {
          if (changed[0]) {
            changed[0] = false;
            throw new java.sql.SQLFeatureNotSupportedException("Calcite connections have no "
                + "transactions: the changes made since the last commit were written as each "
                + "statement ran and cannot be rolled back", "0A000");
          }
          return null;
        }
        break;
      case "getURL":
        if (arity == 0 && target instanceof DatabaseMetaData) {
          return url;
        }
        break;
      case "getFunctions", "getProcedures", "getFunctionColumns", "getProcedureColumns":
        if (target instanceof DatabaseMetaData md) {
          try {
            ResultSet ours = FunctionCatalog.answer(md, method.getName(), args,
                new FunctionCatalog.Home(null, DivergenceDriver.SCHEMA), "DOUBLE");
            if (ours != null) {
              return ours;
            }
          } catch (SQLException e) {
            throw translate(e);
          }
        }
        break;
      default:
        break;
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
    if (target instanceof Statement && changes(method.getName(), result, (Statement) target)) {
      changed[0] = true;
    }
    Class<?> type = method.getReturnType();
    if (result != null && type.isInterface() && WRAPPED.contains(type)) {
      return proxy(result, url, type, connection == null ? proxy : connection, proxy, changed);
    }
    return result;
  }

  /** Whether a statement call just changed rows (an update count above 0). */
  private static boolean changes(String method, Object result, Statement s) throws SQLException {
    return switch (method) {
      case "executeUpdate", "executeLargeUpdate" -> ((Number) result).longValue() > 0;
      case "executeBatch", "executeLargeBatch" -> true;
      case "execute" -> Boolean.FALSE.equals(result) && s.getUpdateCount() > 0;
      default -> false;
    };
  }

  /** Our error with its SQLState (class 22); anything else as it was. */
  static Throwable translate(Throwable t) {
    InvalidArgumentException ours = find(t, 0);
    if (ours != null) {
      // Calcite's message sometimes names only its own step ("Unable to implement ...")
      String message = t instanceof SQLException && t.getMessage().contains(ours.getMessage())
          ? t.getMessage() : ours.getMessage();
      return new SQLException(message, ours.sqlState(), t);
    }
    return t;
  }

  /**
   * Our exception in the cause chain, or among suppressed exceptions (where Calcite puts an
   * error raised while it generates code).
   */
  private static InvalidArgumentException find(Throwable t, int depth) {
    if (t == null || depth > 20) {
      return null;
    }
    if (t instanceof InvalidArgumentException ours) {
      return ours;
    }
    for (Throwable s : t.getSuppressed()) {
      InvalidArgumentException found = find(s, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return find(t.getCause(), depth + 1);
  }
}
