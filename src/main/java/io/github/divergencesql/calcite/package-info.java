/**
 * The functions in Apache Calcite: {@code CalciteAggregate} (an implementor that generates
 * calls to a core accumulator), {@code CalciteScalar}, {@code CalciteArguments} (parameters,
 * types and argument checks), {@code CalciteFunctions} and {@code DivergenceSchemaFactory}
 * (registration), {@code DivergencePrepare} and {@code KeyedPushdownRule} with
 * {@code SummedKeyAggregate} (the keyed forms' sums pushed down to a JDBC source),
 * {@code CsvSchemaFactory} and {@code TypedCsv} (CSV files typed from the data).
 *
 * <p>Thread safety: the function objects and rules are immutable and shared by Calcite across
 * statements; the generated code creates one accumulator per group.
 *
 * <p>References: {@code CalciteEngineTest} (through {@code EngineContract}), the golden file and
 * {@code PostgresPushdownTest} (pushed and pulled plans agree, against a real PostgreSQL).
 */
package io.github.divergencesql.calcite;
