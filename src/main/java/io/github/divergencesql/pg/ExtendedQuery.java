package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.PgMessages.cString;
import static io.github.divergencesql.pg.PgMessages.oids;
import static io.github.divergencesql.pg.PgSession.MAX_STATEMENTS;
import static io.github.divergencesql.pg.SessionCommands.SHOW;
import static io.github.divergencesql.pg.SessionCommands.settingName;
import static io.github.divergencesql.pg.SimpleQuery.strip;
import static io.github.divergencesql.pg.SimpleQuery.tag;
import static io.github.divergencesql.pg.SqlParameters.arrayParameters;
import static io.github.divergencesql.pg.SqlParameters.dollarParameters;

import io.github.divergencesql.pg.SessionCommands.Command;
import io.github.divergencesql.pg.StatementRouter.Route;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A session's extended query protocol ({@link PgSession}): Parse, Bind, Describe, Execute and
 * Close of named statements and portals, with row limits and text or binary formats.
 */
final class ExtendedQuery {
  /** A parsed statement: the SQL as the engine takes it, the $n each ? stands for, the OIDs. */
  record Prepared(String sql, String engineSql, int[] parameterOf, int[] oids,
      PreparedStatement statement, Command command, Route route) {}

  /** A bound statement; its rows once it has run. */
  static final class Portal {
    final Prepared prepared;
    final short[] resultFormats;
    ResultSet rows;
    int[] oids;
    long sent;
    boolean done;
    boolean ownsStatement;

    Portal(Prepared prepared, short[] resultFormats) {
      this.prepared = prepared;
      this.resultFormats = resultFormats;
    }
  }

  private final PgSession session;
  private final PgMessages messages;
  private final DataOutputStream out;
  private final StatementRouter router;
  private final SessionCommands commands;
  private final Map<String, Prepared> statements;
  private final Map<String, Portal> portals;

  ExtendedQuery(PgSession session, PgMessages messages, StatementRouter router,
      SessionCommands commands) {
    this.session = session;
    this.messages = messages;
    this.out = messages.out();
    this.router = router;
    this.commands = commands;
    this.statements = session.statements();
    this.portals = session.portals();
  }

  /** Parse: a named (or the unnamed) statement, prepared on the engine with its parameter types. */
  void parse(ByteBuffer b) throws SQLException, IOException {
    String name = cString(b, messages.charset());
    String sql = cString(b, messages.charset());
    int n = b.getShort() & 0xffff;
    int[] declared = new int[n];
    for (int i = 0; i < n; i++) {
      declared[i] = b.getInt();
    }
    if (!name.isEmpty() && statements.size() >= MAX_STATEMENTS && !statements.containsKey(name)) {
      throw new SQLException("too many prepared statements in this session (at most "
          + MAX_STATEMENTS + "): close some", "53400");
    }
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
    }
    List<Integer> order = new ArrayList<>();
    Route route = SqlScript.withoutLeadingComments(sql).isEmpty() ? null : router.route(strip(sql));
    String engineSql = route == null ? "" : dollarParameters(route.sql(), order);
    int highest = order.stream().mapToInt(Integer::intValue).max().orElse(0);
    int[] oids = new int[Math.max(highest, n)];
    System.arraycopy(declared, 0, oids, 0, n);
    Command command = commands.command(sql);
    boolean show = SHOW.matcher(sql).matches();
    PreparedStatement ps = null;
    if (command == null && !show && !SqlScript.withoutLeadingComments(sql).isEmpty()) {
      ps = route.connection().prepareStatement(engineSql);
      ParameterMetaData pmd = null;
      for (int i = 0; i < order.size(); i++) {
        int k = order.get(i) - 1;
        if (oids[k] == 0) {
          try {
            if (pmd == null) {
              pmd = ps.getParameterMetaData();
            }
            int type = pmd.getParameterType(i + 1);
            int inferred = type == java.sql.Types.ARRAY
                ? PgTypes.arrayOid(pmd.getParameterTypeName(i + 1)) : PgTypes.oid(type);
            oids[k] = inferred == PgTypes.VARCHAR ? PgTypes.TEXT : inferred;
          } catch (SQLException e) {
            oids[k] = PgTypes.TEXT;
          }
        }
      }
    }
    for (int a : arrayParameters(sql)) {
      if (a <= oids.length && PgParameters.elementOf(oids[a - 1]) == 0
          && (a > declared.length || declared[a - 1] == 0)) {
        oids[a - 1] = PgTypes.TEXT_ARRAY; // = ANY($1): an array, whatever the engine inferred
      }
    }
    for (int i = 0; i < oids.length; i++) {
      if (oids[i] == 0) {
        oids[i] = PgTypes.TEXT;
      }
    }
    int[] parameterOf = order.stream().mapToInt(Integer::intValue).toArray();
    Prepared old = statements.put(name, new Prepared(sql, engineSql, parameterOf, oids, ps,
        command, route));
    if (old != null && old.statement() != null) {
      old.statement().close();
    }
    out.write('1');
    out.writeInt(4);
  }

  /** Bind: a portal of a prepared statement with its parameters' values. */
  void bind(ByteBuffer b) throws SQLException, IOException {
    String portalName = cString(b, messages.charset());
    String statementName = cString(b, messages.charset());
    Prepared p = statements.get(statementName);
    if (p == null) {
      throw new SQLException("prepared statement \"" + statementName + "\" does not exist",
          "26000");
    }
    int nf = b.getShort() & 0xffff;
    short[] formats = new short[nf];
    for (int i = 0; i < nf; i++) {
      formats[i] = b.getShort();
    }
    int np = b.getShort() & 0xffff;
    byte[][] values = new byte[np][];
    for (int i = 0; i < np; i++) {
      int len = b.getInt();
      if (len > b.remaining()) { // a length beyond the message: nothing is allocated for it
        throw new SQLException("parameter " + (i + 1) + " declares " + len
            + " bytes, more than the message holds", "08P01");
      }
      if (len >= 0) {
        values[i] = new byte[len];
        b.get(values[i]);
      }
    }
    int nr = b.getShort() & 0xffff;
    short[] resultFormats = new short[nr];
    for (int i = 0; i < nr; i++) {
      resultFormats[i] = b.getShort();
    }
    if (np != p.oids().length) {
      throw new SQLException("bind message supplies " + np + " parameters, but prepared "
          + "statement \"" + statementName + "\" requires " + p.oids().length, "08P01");
    }
    if (!portalName.isEmpty() && portals.size() >= MAX_STATEMENTS
        && !portals.containsKey(portalName)) {
      throw new SQLException("too many portals in this session (at most " + MAX_STATEMENTS
          + ")", "53400");
    }
    boolean owned = false;
    if (p.statement() != null && p.route() != null && !p.route().catalog()
        && session.server().config().url().startsWith("jdbc:divergence:calcite:")
        && !arrayParameters(p.sql()).isEmpty()) {
      // Calcite's JDBC adapter cannot push = ANY(?) down: the array's elements become an IN list
      // of literals, and the statement is prepared for this binding
      p = expandArrays(p, values, nf == 0 ? new short[0] : formats);
      owned = true;
    }
    if (p.statement() != null) {
      PreparedStatement ps = p.statement();
      ps.clearParameters();
      for (int i = 0; i < p.parameterOf().length; i++) {
        int k = p.parameterOf()[i] - 1;
        short format = nf == 0 ? 0 : nf == 1 ? formats[0] : formats[k];
        PgParameters.bind(ps, i + 1, values[k], format, p.oids()[k], messages.charset());
      }
    }
    Portal portal = new Portal(p, resultFormats);
    portal.ownsStatement = owned;
    Portal old = portals.put(portalName, portal);
    closePortal(old);
    out.write('2');
    out.writeInt(4);
  }

  private static void closePortal(Portal portal) throws SQLException {
    if (portal == null) {
      return;
    }
    if (portal.rows != null) {
      portal.rows.close();
    }
    if (portal.ownsStatement && portal.prepared.statement() != null) {
      portal.prepared.statement().close();
    }
  }

  /**
   * {@code p} with each {@code x = ANY($n)} ({@code <> ALL($n)}) written as {@code x IN (...)}
   * ({@code NOT IN}) of the bound array's elements as literals, prepared anew; the other
   * parameters keep their numbers.
   */
  private Prepared expandArrays(Prepared p, byte[][] values, short[] formats)
      throws SQLException {
    List<SqlTokens.Token> tokens = SqlTokens.of(p.sql());
    List<Integer> solid = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() != SqlTokens.Kind.SPACE) {
        solid.add(i);
      }
    }
    StringBuilder sql = new StringBuilder();
    int copied = 0;
    for (int j = 0; j + 4 < solid.size(); j++) {
      SqlTokens.Token op = tokens.get(solid.get(j));
      SqlTokens.Token quantifier = tokens.get(solid.get(j + 1));
      SqlTokens.Token parameter = tokens.get(solid.get(j + 3));
      boolean any = op.is("=") && (quantifier.is("any") || quantifier.is("some"));
      boolean none = (op.is("<>") || op.is("!=")) && quantifier.is("all");
      if (!(any || none) || !tokens.get(solid.get(j + 2)).is("(")
          || parameter.kind() != SqlTokens.Kind.PARAM || !tokens.get(solid.get(j + 4)).is(")")) {
        continue;
      }
      int k = Integer.parseInt(parameter.value()) - 1;
      short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[k];
      Object[] items = values[k] == null ? null : format == 0
          ? PgParameters.textArray(new String(values[k], messages.charset()),
              PgParameters.elementOf(p.oids()[k]))
          : PgParameters.binaryArray(ByteBuffer.wrap(values[k]), messages.charset());
      List<String> literals = new ArrayList<>();
      if (items != null) {
        for (Object item : items) {
          literals.add(literal(item));
        }
      }
      if (literals.isEmpty()) {
        literals.add("NULL"); // no element: no row matches, as x = ANY('{}')
      }
      sql.append(SqlTokens.join(tokens.subList(copied, solid.get(j))));
      sql.append(any ? "IN (" : "NOT IN (").append(String.join(", ", literals)).append(')');
      copied = solid.get(j + 4) + 1;
      j += 4;
    }
    sql.append(SqlTokens.join(tokens.subList(copied, tokens.size())));
    Route route = router.route(strip(sql.toString()));
    List<Integer> order = new ArrayList<>();
    String engineSql = dollarParameters(route.sql(), order);
    PreparedStatement ps = route.connection().prepareStatement(engineSql);
    return new Prepared(p.sql(), engineSql, order.stream().mapToInt(Integer::intValue).toArray(),
        p.oids(), ps, null, route);
  }

  /** An array element as a SQL literal. */
  private static String literal(Object item) {
    if (item == null) {
      return "NULL";
    }
    if (item instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? n.toString() : "CAST('" + n + "' AS DOUBLE)";
    }
    if (item instanceof Boolean bool) {
      return bool ? "TRUE" : "FALSE";
    }
    if (item instanceof java.sql.Date date) {
      return "DATE '" + date + "'";
    }
    return SqlTokens.literal(item.toString());
  }

  /** Describe: a statement's parameter types and rows, or a portal's rows. */
  void describe(ByteBuffer b) throws SQLException, IOException {
    char kind = (char) b.get();
    String name = cString(b, messages.charset());
    Prepared p;
    short[] formats = new short[0];
    if (kind == 'S') {
      p = statements.get(name);
      if (p == null) {
        throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
      }
      out.write('t');
      out.writeInt(4 + 2 + 4 * p.oids().length);
      out.writeShort(p.oids().length);
      for (int oid : p.oids()) {
        out.writeInt(oid);
      }
    } else {
      Portal portal = portals.get(name);
      if (portal == null) {
        throw new SQLException("portal \"" + name + "\" does not exist", "34000");
      }
      p = portal.prepared;
      formats = portal.resultFormats;
    }
    if (SHOW.matcher(p.sql()).matches()) {
      commands.textColumn(settingName(SHOW.matcher(p.sql()).replaceAll("$1")));
      return;
    }
    ResultSetMetaData md = p.statement() == null ? null : p.statement().getMetaData();
    if (md == null || md.getColumnCount() == 0) {
      out.write('n');
      out.writeInt(4);
    } else {
      messages.rowDescription(md, formats, p.route());
    }
  }

  /** Execute: a portal's rows, at most {@code maxRows} of them (0: all). */
  void execute(ByteBuffer b) throws SQLException, IOException {
    String name = cString(b, messages.charset());
    int maxRows = b.getInt();
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    Prepared p = portal.prepared;
    if (p.command() != null) {
      p.command().action().run();
      messages.commandComplete(p.command().tag());
      return;
    }
    if (SHOW.matcher(p.sql()).matches()) {
      // the Describe already sent the row's description: the row and the tag only
      messages.textRow(commands.showValue(settingName(SHOW.matcher(p.sql()).replaceAll("$1"))));
      messages.commandComplete("SHOW");
      return;
    }
    if (p.statement() == null) {
      out.write('I');
      out.writeInt(4);
      return;
    }
    if (portal.rows == null && !portal.done) {
      PreparedStatement ps = p.statement();
      session.limit(ps);
      session.startRunning(ps);
      boolean rows;
      try {
        rows = ps.execute();
      } finally {
        session.stopRunning();
      }
      router.changed(p.route(), p.sql());
      if (!rows) {
        portal.done = true;
        messages.commandComplete(tag(p.sql(), ps.getUpdateCount()));
        return;
      }
      portal.rows = ps.getResultSet();
      portal.oids = oids(portal.rows);
    }
    if (portal.rows == null) {
      messages.commandComplete(tag(p.sql(), 0));
      return;
    }
    long sentNow = 0;
    while ((maxRows <= 0 || sentNow < maxRows) && portal.rows.next()) {
      messages.dataRow(portal.rows, portal.resultFormats, portal.oids);
      sentNow++;
      portal.sent++;
    }
    if (maxRows > 0 && sentNow == maxRows && !portal.rows.isAfterLast()) {
      out.write('s'); // PortalSuspended
      out.writeInt(4);
      return;
    }
    portal.rows.close();
    portal.rows = null;
    portal.done = true;
    messages.commandComplete("SELECT " + portal.sent);
  }

  /** Close: a statement or a portal. */
  void closeObject(ByteBuffer b) throws SQLException, IOException {
    char kind = (char) b.get();
    String name = cString(b, messages.charset());
    if (kind == 'S') {
      Prepared p = statements.remove(name);
      if (p != null && p.statement() != null) {
        p.statement().close();
      }
    } else {
      closePortal(portals.remove(name));
    }
    out.write('3');
    out.writeInt(4);
  }
}
