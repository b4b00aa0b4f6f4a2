package io.github.divergencesql.calcite;

import io.github.divergencesql.core.DivergenceFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

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
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getAggCallList().isEmpty()
        || jdbcSources(agg.getInput(), new HashSet<>()).size() != 1) {
      return;
    }
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
      int callAlpha = args.size() == 2 + weights(f) ? args.get(args.size() - 1) : -1;
      if ((key >= 0 && args.get(0) != key) || (alpha != -2 && alpha != callAlpha)) {
        return;
      }
      key = args.get(0);
      alpha = callAlpha;
      functions.add(f);
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
        lowerCalls.add(b.sum(b.field(w)));
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
