package io.github.divergencesql.calcite;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Calcite's query preparation with {@link KeyedPushdownRule} added to every planner; the
 * {@code jdbc:divergence:calcite:} driver opens its connections with it
 * ({@code new Driver().withPrepareFactory(DivergencePrepare::new)}).
 */
// CalcitePrepare.Context, inherited, hides org.apache.calcite.plan.Context: named in full
public final class DivergencePrepare extends CalcitePrepareImpl {
  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(KeyedPushdownRule.INSTANCE);
    return planner;
  }
}
