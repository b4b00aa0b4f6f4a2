-- Is the drift real, and how big is it? The A/B test's score bands per experiment: the G test and
-- Pearson's chi-square test of homogeneity on the 2 x 4 table of counts (their p-values), next to
-- the effect sizes drift tools report: the L-infinity distance (the largest change of one band's
-- share; TFDV, BigQuery ML, Vertex AI) and the Jensen-Shannon distance (base 2, in [0, 1]; NannyML,
-- scipy's jensenshannon(p, q, base=2)). On large samples every p-value is tiny: decide with an
-- effect size, and use the p-value to rule out noise on small ones.
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
       G_TEST_STATISTIC_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)     AS g,
       G_TEST_PVALUE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)        AS g_pvalue,
       CHI_SQUARE_PVALUE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)    AS chi2_pvalue,
       L_INFINITY_DISTANCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)  AS linf,
       JS_DISTANCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END)          AS js_distance
FROM results
GROUP BY experiment
ORDER BY experiment;
