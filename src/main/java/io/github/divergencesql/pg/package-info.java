/**
 * Our PostgreSQL v3 protocol server over any {@code jdbc:divergence:} connection:
 * {@code PgWireServer} (sockets, logins, limits, cancel), {@code PgSession} (one client's
 * protocol: its state and loop) and its parts {@code PgMessages} (the socket's messages),
 * {@code PgLogin}, {@code MessageReader}, {@code SimpleQuery}, {@code ExtendedQuery},
 * {@code SqlParameters}, {@code SessionCommands}, {@code PgCopy}, {@code StatementRouter} (the
 * catalog or the served database); {@code PgCatalog} with {@code CatalogRows} and
 * {@code CatalogKeys} (a session's {@code pg_catalog} and {@code information_schema}, from the
 * served database's own metadata) and its functions {@code CatalogFunctions},
 * {@code CatalogLookups} and {@code TextArrayFunctions}; {@code SqlTokens}, {@code SqlKeywords},
 * {@code PgSql}, {@code PgCasts}, {@code CatalogSql}, {@code SetReturning}, {@code JoinScope}
 * (token-level translation of PostgreSQL's SQL), {@code PgTypes} (OIDs, values to the client
 * in text and binary formats), {@code PgParameters} (bound values and arrays from the client),
 * {@code Scram}, {@code PgUsers}, {@code SqlScript}.
 *
 * <p>Thread safety: the server is thread-safe; each session runs on its own thread with its own
 * connection and catalog.
 *
 * <p>References: real clients ({@code PgClientsIT}: psql, psqlODBC, pgjdbc, psycopg,
 * node-postgres, DBD::Pg, ruby-pg, SQLAlchemy) and the catalog queries of Metabase and DBeaver,
 * taken from their sources.
 */
package io.github.divergencesql.pg;
