-- A pivot of score-band counts per experiment: one row per band, p = arm A's count,
-- q = arm B's count. A band one arm never saw arrives as NULL from the pivot and counts as
-- zero mass; counts are normalised within each experiment.
WITH bands_pivot(experiment, band, p, q) AS (
  VALUES ('checkout', 1, 120, 130), ('checkout', 2, 340, 310), ('checkout', 3, 410, 420),
         ('checkout', 4, 130, 140),
         ('banner',   1, 300, 280), ('banner',   2, 400, 420), ('banner',   3, 300, 290),
         ('banner',   4, CAST(NULL AS INTEGER), 10),
         ('ranking',  1, 50, 210),  ('ranking',  2, 200, 380), ('ranking',  3, 500, 330),
         ('ranking',  4, 250, 80)
)
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
