-- Drift of a numeric column: each week's values against the baseline week (week 1), with no
-- binning by hand: PSI over 4 bins of the baseline's quartiles (alpha 0.5), the two-sample KS
-- p-value and the Wasserstein distance. The last column is the same PSI written by hand with
-- PERCENTILE_CONT and joins, as one would without PSI_BINNED: it gives the same number.
-- engines: h2, spark (Calcite has no PERCENTILE_CONT to run the hand-written part; the
-- functions themselves run there too)
WITH obs(id, wk, v) AS (
  VALUES (1, 1, 20.0e0), (2, 1, 38.5e0), (3, 1, 36.5e0), (4, 1, 34.5e0), (5, 1, 32.5e0), (6, 1, 30.5e0),
         (7, 1, 28.5e0), (8, 1, 26.5e0), (9, 1, 24.5e0), (10, 1, 22.5e0), (11, 1, 20.5e0), (12, 1, 39.0e0),
         (13, 1, 37.0e0), (14, 1, 35.0e0), (15, 1, 33.0e0), (16, 1, 31.0e0), (17, 1, 29.0e0), (18, 1, 27.0e0),
         (19, 1, 25.0e0), (20, 1, 23.0e0), (21, 1, 21.0e0), (22, 1, 39.5e0), (23, 1, 37.5e0), (24, 1, 35.5e0),
         (25, 2, 20.5e0), (26, 2, 25.5e0), (27, 2, 30.5e0), (28, 2, 35.5e0), (29, 2, 40.5e0), (30, 2, 24.0e0),
         (31, 2, 29.0e0), (32, 2, 34.0e0), (33, 2, 39.0e0), (34, 2, 22.5e0), (35, 2, 27.5e0), (36, 2, 32.5e0),
         (37, 2, 37.5e0), (38, 2, 21.0e0), (39, 2, 26.0e0), (40, 2, 31.0e0), (41, 2, 36.0e0), (42, 2, 41.0e0),
         (43, 2, 24.5e0), (44, 2, 29.5e0), (45, 2, 34.5e0), (46, 2, 39.5e0), (47, 2, 23.0e0), (48, 2, 28.0e0),
         (49, 3, 26.0e0), (50, 3, 40.5e0), (51, 3, 31.5e0), (52, 3, 46.0e0), (53, 3, 37.0e0), (54, 3, 28.0e0),
         (55, 3, 42.5e0), (56, 3, 33.5e0), (57, 3, 48.0e0), (58, 3, 39.0e0), (59, 3, 30.0e0), (60, 3, 44.5e0),
         (61, 3, 35.5e0), (62, 3, 26.5e0), (63, 3, 41.0e0), (64, 3, 32.0e0), (65, 3, 46.5e0), (66, 3, 37.5e0),
         (67, 3, 28.5e0), (68, 3, 43.0e0), (69, 3, 34.0e0), (70, 3, 48.5e0), (71, 3, 39.5e0), (72, 3, 30.5e0)
),
-- the functions: baseline values as x, the week's as y, in one group per week
pairs AS (
  SELECT w.wk, b.v AS x, CAST(NULL AS DOUBLE) AS y
  FROM (SELECT DISTINCT wk FROM obs WHERE wk > 1) w CROSS JOIN (SELECT v FROM obs WHERE wk = 1) b
  UNION ALL
  SELECT wk, CAST(NULL AS DOUBLE), v FROM obs WHERE wk > 1
),
measured AS (
  SELECT wk, PSI_BINNED(x, y, 4, 0.5) AS psi, KS_PVALUE(x, y) AS ks_p,
         WASSERSTEIN_DISTANCE(x, y) AS wasserstein
  FROM pairs GROUP BY wk
),
-- by hand: the baseline's quartiles as edges, each value's bin = edges below it
edges AS (
  SELECT DISTINCT e FROM (
    SELECT PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY v) AS e FROM obs WHERE wk = 1
    UNION ALL SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY v) FROM obs WHERE wk = 1
    UNION ALL SELECT PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY v) FROM obs WHERE wk = 1) q
),
bins AS (
  SELECT 0 AS b FROM (VALUES (1)) one(x)
  UNION ALL SELECT COUNT(*) AS b FROM edges e1 JOIN edges e2 ON e2.e <= e1.e GROUP BY e1.e
),
binned AS (
  SELECT o.id, o.wk, COUNT(e.e) AS b FROM obs o LEFT JOIN edges e ON e.e < o.v
  GROUP BY o.id, o.wk
),
counts AS (SELECT wk, b, COUNT(*) AS n FROM binned GROUP BY wk, b),
shares AS (
  SELECT w.wk, bins.b,
         (COALESCE(cb.n, 0) + 0.5) / (CAST((SELECT COUNT(*) FROM obs WHERE wk = 1) AS DOUBLE)
           + 0.5 * (SELECT COUNT(*) FROM bins)) AS p,
         (COALESCE(cw.n, 0) + 0.5) / (CAST((SELECT COUNT(*) FROM obs o WHERE o.wk = w.wk) AS DOUBLE)
           + 0.5 * (SELECT COUNT(*) FROM bins)) AS q
  FROM (SELECT DISTINCT wk FROM obs WHERE wk > 1) w CROSS JOIN bins
  LEFT JOIN counts cb ON cb.wk = 1 AND cb.b = bins.b
  LEFT JOIN counts cw ON cw.wk = w.wk AND cw.b = bins.b
),
by_hand AS (SELECT wk, SUM((p - q) * LN(p / q)) AS psi_by_hand FROM shares GROUP BY wk)
SELECT m.wk, m.psi, m.ks_p, m.wasserstein, h.psi_by_hand
FROM measured m JOIN by_hand h ON h.wk = m.wk
ORDER BY m.wk;
