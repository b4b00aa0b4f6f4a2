package io.github.divergencesql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * An H2 connection as our driver hands it out: every call goes to H2's connection, but for
 * <ul>
 *   <li>{@code getMetaData()}: {@code getURL()} is the URL the client gave
 *       ({@code jdbc:divergence:h2:...}), and the function and procedure calls list our
 *       aggregates with their parameters ({@link FunctionCatalog}); {@code getConnection()} is
 *       this connection;
 *   <li>{@code prepareStatement}: {@code getParameterMetaData()} types a {@code ?} that stands
 *       for one of our numeric arguments DOUBLE (or INTEGER for bins and k), where H2, which
 *       cannot type a user aggregate's parameter, says VARCHAR ({@link NumericParameters});
 *   <li>{@code getWarnings()}: one warning of ours first (until {@code clearWarnings()}), e.g.
 *       that the functions are unavailable in a read-only database.
 * </ul>
 * {@code unwrap} reaches H2's own connection.
 */
final class H2Connection implements InvocationHandler {
  private static final java.util.Set<String> FUNCTION_CALLS = java.util.Set.of("getFunctions",
      "getProcedures", "getFunctionColumns", "getProcedureColumns");

  private final Connection target;
  private final String url;
  private SQLWarning warning;

  private H2Connection(Connection target, String url, SQLWarning warning) {
    this.target = target;
    this.url = url;
    this.warning = warning;
  }

  static Connection wrap(Connection c, String url, SQLWarning warning) {
    return (Connection) Proxy.newProxyInstance(H2Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new H2Connection(c, url, warning));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "getWarnings":
        if (arity == 0 && warning != null) {
          SQLWarning ours = new SQLWarning(warning.getMessage(), warning.getSQLState());
          ours.setNextWarning(target.getWarnings());
          return ours;
        }
        break;
      case "clearWarnings":
        warning = null;
        break;
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
      case "getMetaData":
        if (arity == 0) {
          return metaData((Connection) proxy, target.getMetaData());
        }
        break;
      default:
        break;
    }
    Object result = call(target, method, args);
    if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
      PreparedStatement typed = NumericParameters.wrap(ps, (String) args[0], (Connection) proxy);
      return typed != ps ? typed : statement(ps, (Connection) proxy);
    }
    if (result instanceof Statement s && (method.getName().equals("createStatement")
        || method.getName().equals("prepareCall"))) {
      return statement(s, (Connection) proxy);
    }
    return result;
  }

  /** A statement whose {@code getConnection()} is this connection, as JDBC asks. */
  private static Statement statement(Statement s, Connection connection) {
    Class<?> type = s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return (Statement) Proxy.newProxyInstance(H2Connection.class.getClassLoader(),
        new Class<?>[] {type}, (p, m, a) -> {
          Object own = child(p, m, a, connection);
          return own != NOT_OURS ? own : call(s, m, a);
        });
  }

  private DatabaseMetaData metaData(Connection connection, DatabaseMetaData md) {
    return (DatabaseMetaData) Proxy.newProxyInstance(H2Connection.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> {
          int n = a == null ? 0 : a.length;
          if (n == 0 && m.getName().equals("getURL")) {
            return url;
          }
          Object own = child(p, m, a, connection);
          if (own != NOT_OURS) {
            return own;
          }
          if (n >= 3 && FUNCTION_CALLS.contains(m.getName())) {
            ResultSet ours = FunctionCatalog.answer(md, m.getName(), a, home(),
                "DOUBLE PRECISION");
            if (ours != null) {
              return ours;
            }
          }
          return call(md, m, a);
        });
  }

  /**
   * The catalog and schema H2 holds our functions in (where the installer put them); null when
   * the database does not have them (read only, installed by nobody).
   */
  private FunctionCatalog.Home home() throws SQLException {
    try (PreparedStatement s = target.prepareStatement("SELECT ROUTINE_CATALOG, ROUTINE_SCHEMA "
        + "FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME = 'KL_DIVERGENCE' "
        + "ORDER BY CASE WHEN ROUTINE_SCHEMA = SCHEMA() THEN 0 ELSE 1 END");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? new FunctionCatalog.Home(rs.getString(1), rs.getString(2)) : null;
    }
  }

  /** What {@link #child} returns for a call it leaves to the wrapped object. */
  static final Object NOT_OURS = new Object();

  /**
   * The calls every object handed out by a wrapped connection answers itself: its
   * {@code getConnection()} is the wrapper, {@code equals}/{@code hashCode} are identity; else
   * {@link #NOT_OURS}.
   */
  static Object child(Object proxy, Method m, Object[] a, Connection connection) {
    int n = a == null ? 0 : a.length;
    if (n == 0 && m.getName().equals("getConnection")) {
      return connection;
    }
    if (n == 1 && m.getName().equals("equals")) {
      return proxy == a[0];
    }
    if (n == 0 && m.getName().equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return NOT_OURS;
  }

  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
