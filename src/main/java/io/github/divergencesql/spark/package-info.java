/**
 * The functions in Apache Spark SQL: {@code SparkFixedAggregate} with {@code SparkFixedNodes}
 * (a declarative aggregate over the core's fixed-width state, code-generated: KL, PSI,
 * cross-entropy, entropy, Hellinger), {@code SparkAggregate} (a typed imperative aggregate over
 * the accumulators: every other call, the partial state the core's codec), {@code SparkScalar},
 * {@code SparkFunctions}, {@code SparkValues}, {@code DivergenceSparkException},
 * {@code DivergenceSpark.register} and {@code DivergenceSparkExtensions}
 * ({@code spark.sql.extensions}).
 *
 * <p>Thread safety: Spark gives each task its own aggregation buffers; the function objects are
 * immutable and serializable.
 *
 * <p>References: {@code SparkEngineTest} (against H2 and the golden file on {@code local[2]}),
 * {@code SparkClusterIT} (a standalone cluster of separate JVMs).
 */
package io.github.divergencesql.spark;
