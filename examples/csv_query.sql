-- Divergences straight from CSV files, no loading: run it in Calcite over examples/data with
--   java -jar target/divergence-sql-<version>.jar --url jdbc:divergence:calcite:model=examples/csv-model.json examples/csv_query.sql
-- (csv-model.json uses CsvSchemaFactory: column types come from the data, so plain headers work too).
-- In H2 the same file works after examples/tables.sql, which the jar's default database loads.
SELECT experiment,
       KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END) AS kl,
       PSI_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END, 1)    AS psi_laplace
FROM results
GROUP BY experiment
ORDER BY experiment;
