package io.github.divergencesql.bench;

import java.sql.Types;

/**
 * An H2 aggregate that does nothing with its rows: what H2's Java aggregate API costs by itself
 * (an Object[] and two boxed Doubles a row), measured beside MAX(p), MAX(q) in SqlBenchmark.
 */
public final class NoopAggregate implements org.h2.api.AggregateFunction {
  private long rows;

  @Override
  public int getType(int[] inputTypes) {
    return Types.DOUBLE;
  }

  @Override
  public void add(Object value) {
    rows++;
  }

  @Override
  public Object getResult() {
    return (double) rows;
  }
}
