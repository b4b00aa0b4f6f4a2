/**
 * The SQL functions of divergence-sql, once for every engine: {@code DivergenceFunction} names
 * each function, its permanent id, its argument shapes and arities, and builds and feeds its
 * accumulator from {@code core} or its rooms ({@code core.twosample}, {@code core.homogeneity},
 * {@code core.association});
 * {@code StateCodec} writes any accumulator with its function's id and arity, so a state moves
 * between engines and versions; {@code CoreMethod} resolves, when its class loads, every method
 * that generated code (Calcite's and Spark's) calls, so a rename fails at start-up rather than
 * at a user's query; {@code NumberText} reads an option bound as text as a number. The engine
 * adapters ({@code h2}, {@code calcite}, {@code spark}) and the
 * driver depend on this package; it depends on the rooms of {@code core} only.
 *
 * <p>Thread safety: everything here is an enum or stateless and thread-safe.
 *
 * <p>References: the registry has no math of its own; {@code EveryFunctionHasItsTestTest}
 * checks every function has its test class, {@code StateCodecTest} and {@code StateFixtureTest}
 * that states written by earlier versions still read.
 */
package io.github.divergencesql.core.registry;
