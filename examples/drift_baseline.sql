-- Data drift: each week's score-band counts against a fixed baseline week (week 1), as PSI,
-- JS and KL. A common reading of PSI: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major.
WITH traffic(wk, band, n) AS (
  VALUES (1, 1, 100), (1, 2, 200), (1, 3, 400), (1, 4, 200), (1, 5, 100),
         (2, 1, 105), (2, 2, 195), (2, 3, 410), (2, 4, 190), (2, 5, 100),
         (3, 1, 98),  (3, 2, 205), (3, 3, 395), (3, 4, 205), (3, 5, 97),
         (4, 1, 102), (4, 2, 198), (4, 3, 400), (4, 4, 202), (4, 5, 98),
         (5, 1, 90),  (5, 2, 190), (5, 3, 390), (5, 4, 220), (5, 5, 110),
         (6, 1, 80),  (6, 2, 180), (6, 3, 380), (6, 4, 240), (6, 5, 120),
         (7, 1, 70),  (7, 2, 170), (7, 3, 360), (7, 4, 260), (7, 5, 140),
         (8, 1, 60),  (8, 2, 150), (8, 3, 350), (8, 4, 280), (8, 5, 160)
),
baseline AS (SELECT band, n AS base_n FROM traffic WHERE wk = 1)
SELECT t.wk,
       PSI(t.n, b.base_n)           AS psi,
       JS_DIVERGENCE(t.n, b.base_n) AS js,
       KL_DIVERGENCE(t.n, b.base_n) AS kl
FROM traffic t JOIN baseline b ON b.band = t.band
WHERE t.wk > 1
GROUP BY t.wk
ORDER BY t.wk;
