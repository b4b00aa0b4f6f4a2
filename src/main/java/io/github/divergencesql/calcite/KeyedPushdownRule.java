package io.github.divergencesql.calcite;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.HsqldbSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Optionality;

/**
 * Lets a database compute the keyed forms' per-key sums: over a JDBC source,
 * <pre>
 *   Aggregate(G; KL_DIVERGENCE_BY(key, p, q [, alpha]), ...)
 * </pre>
 * is also planned as
 * <pre>
 *   Aggregate(G; KL_DIVERGENCE_BY$SUMMED(key, sum_p, sum_q, min_p, min_q [, alpha]), ...)
 *     Aggregate(G, key [, alpha]; SUM(p), SUM(q), MIN(p), MIN(q), ...)
 * </pre>
 * whose lower half has only SUM and MIN, so Calcite's JDBC rules push it into the database
 * ({@code JdbcAggregate}) and one row per group and key travels instead of every row. The sums
 * give the same outcomes (a key whose p is NULL on every row sums to NULL, which adds nothing,
 * as the rows would); the minimums keep a negative weight an error, and a NaN or infinite
 * weight makes its sum NaN or infinite, also an error ({@link DivergenceFunction#addSummedKey}).
 * An alpha column joins the database's GROUP BY, which keeps "alpha must be the same on every
 * row" and "alpha must not be NULL"; a literal alpha is part of the upper operator, so no
 * projection of it stands between the halves.
 *
 * <p>The weights are summed in double precision whatever their column type, and a key is pushed
 * only where the database compares it as the pulled rows are compared
 * ({@link #sameKeyEquality}), so both plans give the same outcomes.
 *
 * <p>Fires only when every call of the aggregate is a keyed form with the same key and the same
 * alpha column (or none), without DISTINCT, FILTER or ORDER BY, and every table under it is in
 * the same JDBC database; the planner keeps the row-pulling plan too and takes the cheaper
 * (it is, even with Calcite's guess of 100 rows for a table without statistics). The database's
 * sums are its own (PostgreSQL adds doubles in row order, rounding each time), where the rows
 * pulled into our accumulators are summed exactly: results agree to about 1e-15 relative
 * unless the sums are ill-conditioned.
 */
public final class KeyedPushdownRule extends RelOptRule {
  static final KeyedPushdownRule INSTANCE = new KeyedPushdownRule();
  /** {@code -Ddivergence.pushdown=false} keeps every plan row-pulling (to compare, or to distrust a database's sums). */
  public static final String SWITCH = "divergence.pushdown";

  @SuppressWarnings("deprecation") // RelRule's Config needs the Immutables annotation processor
  private KeyedPushdownRule() {
    super(operand(LogicalAggregate.class, any()), "KeyedPushdownRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate agg = call.rel(0);
    if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
      return;
    }
    Set<Convention> sources = jdbcSources(agg.getInput(), new HashSet<>());
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getAggCallList().isEmpty()
        || sources.size() != 1 || !(sources.iterator().next() instanceof JdbcConvention jdbc)) {
      return;
    }
    SqlDialect dialect = jdbc.dialect;
    boolean castable = dialect instanceof PostgresqlSqlDialect || dialect instanceof H2SqlDialect
        || dialect instanceof HsqldbSqlDialect;
    List<DivergenceFunction> functions = new ArrayList<>();
    int key = -1;
    int alpha = -2; // -2: not seen yet; -1: no alpha
    for (AggregateCall c : agg.getAggCallList()) {
      DivergenceFunction f = keyedForm(c);
      if (f == null || c.isDistinct() || c.hasFilter() || c.isApproximate()
          || !c.getCollation().getFieldCollations().isEmpty()) {
        return;
      }
      List<Integer> args = c.getArgList();
      for (int w : args.subList(1, 1 + weights(f))) {
        if (!castable && !summedAsIs(agg.getInput().getRowType().getFieldList().get(w)
            .getType().getSqlTypeName())) {
          return; // a float or integer weight needs CAST(... AS DOUBLE PRECISION), which this
                  // database may not spell so (SQL Server): the rows are pulled
        }
      }
      int callAlpha = args.size() == 2 + weights(f) ? args.get(args.size() - 1) : -1;
      if ((key >= 0 && args.get(0) != key) || (alpha != -2 && alpha != callAlpha)) {
        return;
      }
      key = args.get(0);
      alpha = callAlpha;
      functions.add(f);
    }
    if (!sameKeyEquality(call.getMetadataQuery(), agg.getInput(), key)) {
      return; // the database would merge keys the pulled rows keep apart (or the reverse)
    }
    // a literal alpha goes into the upper operator; a column (or a ?) is grouped by
    RexNode constant = alpha < 0 ? null : call.getMetadataQuery()
        .getPulledUpPredicates(agg.getInput()).constantMap
        .get(agg.getCluster().getRexBuilder().makeInputRef(agg.getInput(), alpha));
    RexLiteral constantAlpha = constant instanceof RexLiteral l ? l : null;
    ImmutableBitSet lowerGroup = agg.getGroupSet().union(alpha >= 0 && constantAlpha == null
        ? ImmutableBitSet.of(key, alpha) : ImmutableBitSet.of(key));
    List<Integer> lowerFields = lowerGroup.asList();

    RelBuilder b = call.builder();
    b.push(agg.getInput());
    List<RelBuilder.AggCall> lowerCalls = new ArrayList<>();
    for (AggregateCall c : agg.getAggCallList()) {
      List<Integer> weights = c.getArgList().subList(1, 1 + weights(keyedForm(c)));
      for (int w : weights) {
        lowerCalls.add(sumInDoublePrecision(b, b.field(w), dialect));
      }
      for (int w : weights) {
        lowerCalls.add(b.min(b.field(w)));
      }
    }
    b.aggregate(b.groupKey(lowerGroup), lowerCalls);

    List<RelBuilder.AggCall> upperCalls = new ArrayList<>();
    int next = lowerFields.size();
    for (int i = 0; i < functions.size(); i++) {
      DivergenceFunction f = functions.get(i);
      List<RexNode> args = new ArrayList<>();
      args.add(b.field(lowerFields.indexOf(key)));
      for (int j = 0; j < 2 * weights(f); j++) {
        args.add(b.field(next++));
      }
      if (alpha >= 0 && constantAlpha == null) {
        args.add(b.field(lowerFields.indexOf(alpha)));
      }
      upperCalls.add(b.aggregateCall(SummedKeyAggregate.operator(f, constantAlpha), args)
          .as(agg.getAggCallList().get(i).getName()));
    }
    List<Integer> upperGroup = new ArrayList<>();
    for (int g : agg.getGroupSet()) {
      upperGroup.add(lowerFields.indexOf(g));
    }
    b.aggregate(b.groupKey(ImmutableBitSet.of(upperGroup)), upperCalls);
    b.convert(agg.getRowType(), false);
    call.transformTo(b.build());
  }

  /**
   * A weight's SUM as the database should take it: over a REAL or FLOAT column in double
   * precision (PostgreSQL sums float4 in float4: {@code sum(1::real)} over 20M rows is
   * 16,777,216), over an integer one too (its SUM is typed like the column, so a per-key sum
   * beyond 2^31 failed to read back as "Bad value for type int"); DOUBLE and DECIMAL as they are.
   * The cast is written inside the SUM ({@link DoubleSum}): a projection of its own made Calcite
   * price the pushed plan above the row-pulling one. Only PostgreSQL, H2 and HSQLDB get it (SQL
   * Server has no DOUBLE type to cast to); elsewhere such weights are not pushed down.
   */
  private static RelBuilder.AggCall sumInDoublePrecision(RelBuilder b, RexNode weight,
      SqlDialect dialect) {
    return summedAsIs(weight.getType().getSqlTypeName()) ? b.sum(weight)
        : b.aggregateCall(new DoubleSum(dialect), weight);
  }

  /** A weight type the database sums without a cast: DOUBLE and DECIMAL. */
  private static boolean summedAsIs(SqlTypeName t) {
    return t == SqlTypeName.DOUBLE || t == SqlTypeName.DECIMAL;
  }

  /**
   * {@code SUM(CAST(w AS DOUBLE PRECISION))} in the database's SQL, typed DOUBLE. Only the JDBC
   * half of a pushed-down plan calls it (Calcite could not run it itself, so a plan that does
   * not reach the database never includes it: the row-pulling plan is the alternative).
   */
  private static final class DoubleSum extends SqlAggFunction {
    private final SqlNode doubleType;

    DoubleSum(SqlDialect dialect) {
      super("SUM", null, SqlKind.SUM0, ReturnTypes.DOUBLE_NULLABLE, null, OperandTypes.NUMERIC,
          SqlFunctionCategory.NUMERIC, false, false, Optionality.FORBIDDEN);
      // SqlKind.SUM0, not SUM: Calcite would otherwise rewrite it as its own SUM ($SUM0 and a
      // COUNT); the SQL written is SUM all the same, NULL for a key whose weights are all NULL
      SqlNode spec = dialect.getCastSpec(new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT)
          .createSqlType(SqlTypeName.DOUBLE));
      this.doubleType = spec != null ? spec : new SqlDataTypeSpec(
          new SqlAlienSystemTypeNameSpec("DOUBLE PRECISION", SqlTypeName.DOUBLE,
              SqlParserPos.ZERO), SqlParserPos.ZERO);
    }

    @Override
    public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos,
        SqlNode... operands) {
      return SqlStdOperatorTable.SUM.createCall(functionQualifier, pos,
          SqlStdOperatorTable.CAST.createCall(pos, operands[0], doubleType));
    }
  }

  /**
   * Whether the database takes two values of the key as equal exactly when the row-pulling plan
   * does (the core's key equality: numbers by value, text by its characters, bytes by content),
   * so both plans give the same outcomes. Numbers, booleans, dates, times and bytes: yes. Text:
   * only a PostgreSQL column of type text, varchar, char or name with a deterministic collation
   * (a case-insensitive ICU collation, or citext, merges 'a' and 'A'; other databases' default
   * collations may too). Anything else (intervals, whose '1 day' equals '24 hours', other types
   * Calcite sees as ANY): no, and the rows are pulled.
   */
  static boolean sameKeyEquality(RelMetadataQuery mq, RelNode input, int key) {
    switch (input.getRowType().getFieldList().get(key).getType().getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE, BOOLEAN, DATE, TIME,
          TIMESTAMP, BINARY, VARBINARY:
        return true;
      case CHAR, VARCHAR:
        return exactPostgresText(origin(input, key));
      default:
        return false;
    }
  }

  /** PostgreSQL's answer per table and column, asked once per table object. */
  private static final Map<JdbcTable, Map<String, Boolean>> EXACT_TEXT =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** A table's column and the table. */
  private record Origin(RelOptTable table, int column) {}

  /**
   * The table column that field {@code field} of {@code rel} is, unchanged, through projections
   * and filters; null when it is computed (Volcano's column-origin metadata answers null on the
   * logical subsets the rule sees).
   */
  private static Origin origin(RelNode rel, int field) {
    RelNode r = rel.stripped();
    if (r instanceof TableScan scan) {
      return new Origin(scan.getTable(), field);
    }
    if (r instanceof Project project) {
      return project.getProjects().get(field) instanceof RexInputRef ref
          ? origin(project.getInput(), ref.getIndex()) : null;
    }
    if (r instanceof Filter filter) {
      return origin(filter.getInput(), field);
    }
    return null;
  }

  private static boolean exactPostgresText(Origin origin) {
    if (origin == null) {
      return false;
    }
    JdbcTable table = origin.table().unwrap(JdbcTable.class);
    if (table == null
        || !(table.jdbcSchema.dialect instanceof PostgresqlSqlDialect)) {
      return false;
    }
    String column = origin.table().getRowType().getFieldNames().get(origin.column());
    Boolean exact = EXACT_TEXT.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(column, c -> askPostgres(table, c)); // null (not kept): ask again
    return Boolean.TRUE.equals(exact);
  }

  private static Boolean askPostgres(JdbcTable table, String column) {
    try (Connection c = table.jdbcSchema.getDataSource().getConnection();
        // char(n) pads every value to n, so equal values read back equal; an unconstrained
        // bpchar does not, and PostgreSQL ignores its trailing blanks: 'a' = 'a '
        PreparedStatement s = c.prepareStatement("SELECT (a.atttypid IN ('text'::regtype, "
            + "'varchar'::regtype, 'name'::regtype) OR (a.atttypid = 'bpchar'::regtype "
            + "AND a.atttypmod > 0)) AND COALESCE(co.collisdeterministic, true) "
            + "FROM pg_catalog.pg_attribute a "
            + "JOIN pg_catalog.pg_class r ON r.oid = a.attrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace "
            + "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
            + "WHERE n.nspname = COALESCE(?, current_schema()) AND r.relname = ? "
            + "AND a.attname = ?")) {
      s.setString(1, table.jdbcSchemaName);
      s.setString(2, table.jdbcTableName);
      s.setString(3, column);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      return null; // cannot tell now: pull the rows, and ask again next time
    }
  }

  /**
   * The JDBC conventions (one per database) of the tables under {@code rel}, with null for a
   * source that is not a JDBC table. Volcano matches a child operand only among relations of
   * the parent's convention (logical ones), so the rule looks down the logical tree itself.
   */
  private static Set<Convention> jdbcSources(RelNode rel, Set<Convention> found) {
    RelNode r = rel.stripped();
    if (r instanceof JdbcTableScan scan) {
      found.add(scan.getConvention());
    } else if (r.getInputs().isEmpty()) {
      found.add(null);
    } else {
      for (RelNode input : r.getInputs()) {
        jdbcSources(input, found);
      }
    }
    return found;
  }

  /** The keyed form {@code c} calls, or null when it calls something else. */
  private static DivergenceFunction keyedForm(AggregateCall c) {
    if (c.getAggregation() instanceof SqlUserDefinedAggFunction u
        && u.function instanceof CalciteAggregate a) {
      DivergenceFunction f = a.function();
      return f.shape() == DivergenceFunction.Shape.KEYED_PAIR
          || f.shape() == DivergenceFunction.Shape.KEYED_UNARY ? f : null;
    }
    return null;
  }

  private static int weights(DivergenceFunction f) {
    return f.shape() == DivergenceFunction.Shape.KEYED_PAIR ? 2 : 1;
  }
}
