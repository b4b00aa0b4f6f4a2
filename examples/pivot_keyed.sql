-- Long data (one row per experiment, band and arm) two ways: the classic wide pivot with
-- SUM(CASE ...) then KL_DIVERGENCE, and the keyed form KL_DIVERGENCE_BY, which pivots inside
-- the aggregate. Both give the same numbers; band 4 of 'banner' was never seen in arm A, so
-- the pivot's p is NULL there (zero mass) and KL(B||A) is infinite.
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
),
wide AS (
  SELECT experiment, band,
         SUM(CASE WHEN arm = 'A' THEN n END) AS p,
         SUM(CASE WHEN arm = 'B' THEN n END) AS q
  FROM results
  GROUP BY experiment, band
),
from_pivot AS (
  SELECT experiment, KL_DIVERGENCE(p, q) AS kl, KL_DIVERGENCE(q, p) AS kl_reverse
  FROM wide
  GROUP BY experiment
),
keyed AS (
  SELECT experiment,
         KL_DIVERGENCE_BY(band, CASE WHEN arm = 'A' THEN n END, CASE WHEN arm = 'B' THEN n END) AS kl,
         KL_DIVERGENCE_BY(band, CASE WHEN arm = 'B' THEN n END, CASE WHEN arm = 'A' THEN n END) AS kl_reverse
  FROM results
  GROUP BY experiment
)
SELECT f.experiment, f.kl AS kl_pivot, k.kl AS kl_keyed,
       f.kl_reverse AS kl_reverse_pivot, k.kl_reverse AS kl_reverse_keyed
FROM from_pivot f JOIN keyed k ON k.experiment = f.experiment
ORDER BY f.experiment;
