-- A pivot of score-band counts per experiment: one row per band, p = arm A's count,
-- q = arm B's count. A band one arm never saw arrives as NULL from the pivot and counts as
-- zero mass; counts are normalised within each experiment.
CREATE TABLE IF NOT EXISTS bands_pivot (experiment VARCHAR(20), band INT, p INT, q INT, PRIMARY KEY (experiment, band));
MERGE INTO bands_pivot KEY (experiment, band) VALUES
  ('checkout-v2', 1, 120, 130), ('checkout-v2', 2, 340, 310), ('checkout-v2', 3, 410, 420),
  ('checkout-v2', 4, 130, 140),
  ('search-rank', 1, 50, 210), ('search-rank', 2, 200, 380), ('search-rank', 3, 500, 330),
  ('search-rank', 4, 250, 80),
  ('new-banner', 1, 300, 280), ('new-banner', 2, 400, 420), ('new-banner', 3, 300, 290),
  ('new-banner', 4, NULL, 10);

SELECT experiment,
       KL_DIVERGENCE(p, q)            AS kl,
       KL_DIVERGENCE(q, p)            AS kl_reverse,
       JS_DIVERGENCE(p, q)            AS js,
       PSI(p, q)                      AS psi,
       HELLINGER_DISTANCE(p, q)       AS hellinger,
       TOTAL_VARIATION_DISTANCE(p, q) AS tv
FROM bands_pivot
GROUP BY experiment
ORDER BY experiment;
