/**
 * {@code java -jar divergence-sql-<version>-all.jar}: {@code Main} (options, the sqlline shell),
 * {@code ScriptRunner}, {@code ResultWriter} and {@code ErrorText} ({@code -e} and files, their
 * formats and one-line errors), {@code Cli} (what the parts share), {@code CsvDirectory}
 * ({@code --csv}), {@code PgServer} ({@code --pg} over H2), {@code MemoryGuard},
 * {@code DriverJars}, {@code ShellDriver} and {@code DelegatingDriver}, {@code CdsTraining} (the
 * build's class-data-sharing run).
 *
 * <p>Thread safety: one command per process; the server parts are thread-safe.
 */
package io.github.divergencesql.cli;
