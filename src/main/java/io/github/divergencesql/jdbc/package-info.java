/**
 * The JDBC driver ({@code jdbc:divergence:h2:} and {@code jdbc:divergence:calcite:}):
 * {@code DivergenceDriver}, {@code UrlGuard} (settings that would run code are refused),
 * {@code H2Naming} (lower-case names and keyword columns in new file databases),
 * {@code H2Installer}, {@code H2Connection} and {@code SqlStateRestorer} (wrappers that give
 * tools what they read: SQLStates, functions in {@code DatabaseMetaData}),
 * {@code FunctionCatalog}, {@code NumericParameters}, {@code SqlText}, {@code Version}.
 *
 * <p>Thread safety: the driver is stateless and thread-safe; a connection is as thread-safe as
 * the engine's (H2's are, Calcite's statements are not shared).
 */
package io.github.divergencesql.jdbc;
