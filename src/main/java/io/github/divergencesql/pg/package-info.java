/**
 * Our PostgreSQL v3 protocol server over any {@code jdbc:divergence:} connection:
 * {@code PgWireServer} (sockets, logins, limits, cancel), {@code PgSession} (one client's
 * protocol), {@code PgCatalog} and {@code CatalogFunctions} (a session's {@code pg_catalog} and
 * {@code information_schema}, from the served database's own metadata), {@code SqlTokens},
 * {@code SqlKeywords}, {@code PgSql}, {@code SetReturning}, {@code JoinScope} (token-level
 * translation of PostgreSQL's SQL), {@code PgTypes} (OIDs, text and binary formats),
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
