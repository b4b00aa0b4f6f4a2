-- Divergences straight from a CSV file in H2, no table: CSVREAD reads every column as text, so
-- the counts are cast (and the typed header EXPERIMENT:string,... is replaced by column aliases).
-- Reading files needs H2 admin rights: fine for the jar's own database.
--   java -jar target/divergence-sql-<version>.jar examples/csvread_h2.sql
SELECT experiment,
       KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' THEN CAST(n AS INT) END,
                              CASE WHEN arm = 'B' THEN CAST(n AS INT) END)    AS kl,
       PSI_BY(band, CASE WHEN arm = 'A' THEN CAST(n AS INT) END,
                    CASE WHEN arm = 'B' THEN CAST(n AS INT) END, 1)          AS psi_laplace
FROM CSVREAD('examples/data/RESULTS.csv') AS r(experiment, band, arm, n)
GROUP BY experiment
ORDER BY experiment;
