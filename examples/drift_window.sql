-- Data drift against a moving reference: each week against the pooled counts of the 4 weeks
-- before it, built with a window frame, as PSI, JS and KL.
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
windowed AS (
  SELECT wk, band, n,
         SUM(n) OVER (PARTITION BY band ORDER BY wk ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING) AS prev4
  FROM traffic
)
SELECT wk,
       PSI(n, prev4)           AS psi,
       JS_DIVERGENCE(n, prev4) AS js,
       KL_DIVERGENCE(n, prev4) AS kl
FROM windowed
WHERE wk >= 5
GROUP BY wk
ORDER BY wk;
