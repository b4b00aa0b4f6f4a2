-- The example tables, loaded from the CSV files in examples/data (inside the jar, so this runs
-- from anywhere): the interactive shell (java -jar divergence-sql-<version>.jar) loads them.
-- H2 only (CSVREAD); re-runnable. Calcite reads the same files directly: examples/csv-model.json.
CREATE TABLE IF NOT EXISTS grades (grade VARCHAR(1) PRIMARY KEY, class_a DOUBLE PRECISION, class_b DOUBLE PRECISION)
  AS SELECT * FROM CSVREAD('classpath:/examples/data/GRADES.csv');
CREATE TABLE IF NOT EXISTS results (experiment VARCHAR(20), band INT, arm VARCHAR(1), n INT)
  AS SELECT * FROM CSVREAD('classpath:/examples/data/RESULTS.csv');
CREATE TABLE IF NOT EXISTS traffic (wk INT, band INT, n INT)
  AS SELECT * FROM CSVREAD('classpath:/examples/data/TRAFFIC.csv');
CREATE TABLE IF NOT EXISTS latents (sample_id INT, dim INT, mu DOUBLE PRECISION, log_var DOUBLE PRECISION)
  AS SELECT * FROM CSVREAD('classpath:/examples/data/LATENTS.csv');
-- the wide pivot of results: one row per experiment and band, NULL where an arm saw nothing
CREATE OR REPLACE VIEW bands_pivot AS
  SELECT experiment, band,
         SUM(CASE WHEN arm = 'A' THEN n END) AS p,
         SUM(CASE WHEN arm = 'B' THEN n END) AS q
  FROM results GROUP BY experiment, band;
