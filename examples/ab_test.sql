-- A/B test: how far apart are the score-band distributions of the two arms, per experiment?
-- Without smoothing, a band that one arm never saw makes KL and PSI infinite ('banner', band 4);
-- the trailing alpha adds alpha to both arms' count of every band first (alpha = 1 on counts is
-- Laplace smoothing). JS_DISTANCE is the Jensen-Shannon distance in bits (in [0, 1]), as NannyML
-- and scipy's jensenshannon(p, q, base=2) report it; divide any divergence by LN(2) for bits.
WITH results(experiment, band, arm, n) AS (
  VALUES ('checkout', 1, 'A', 120), ('checkout', 1, 'B', 130), ('checkout', 2, 'A', 340),
         ('checkout', 2, 'B', 310), ('checkout', 3, 'A', 410), ('checkout', 3, 'B', 420),
         ('checkout', 4, 'A', 130), ('checkout', 4, 'B', 140),
         ('banner',   1, 'A', 300), ('banner',   1, 'B', 280), ('banner',   2, 'A', 400),
         ('banner',   2, 'B', 420), ('banner',   3, 'A', 300), ('banner',   3, 'B', 290),
         ('banner',   4, 'B', 10),
         ('ranking',  1, 'A', 50),  ('ranking',  1, 'B', 210), ('ranking',  2, 'A', 200),
         ('ranking',  2, 'B', 380), ('ranking',  3, 'A', 500), ('ranking',  3, 'B', 330),
         ('ranking',  4, 'A', 250), ('ranking',  4, 'B', 80)
)
SELECT experiment,
       KL_DIVERGENCE_BY(band, CASE WHEN arm = 'B' THEN n END, CASE WHEN arm = 'A' THEN n END)    AS kl_b_a,
       KL_DIVERGENCE_BY(band, CASE WHEN arm = 'B' THEN n END, CASE WHEN arm = 'A' THEN n END, 1) AS kl_b_a_laplace,
       PSI_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)              AS psi,
       PSI_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END, 1)           AS psi_laplace,
       JS_DISTANCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)       AS js_distance
FROM results
GROUP BY experiment
ORDER BY experiment;
