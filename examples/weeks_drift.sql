-- Drift of the current week against the baseline week, for a categorical column (country) and a
-- numeric one (latency_ms), over the raw events: one row per request, no pivot, no binning by hand.
--   java -jar target/divergence-sql-0.1.0-all.jar --csv examples/weeks examples/weeks_drift.sql
--   java -jar target/divergence-sql-0.1.0-all.jar --url jdbc:divergence:calcite:model=examples/weeks-model.json examples/weeks_drift.sql
-- examples/weeks/events.csv is made-up data (Python's random module, seed 24): in the current week more requests come from IN and BR, and every country is 8 % slower.
SELECT PSI_BY(country, CASE WHEN week = 'baseline' THEN 1 END,
                       CASE WHEN week = 'current' THEN 1 END)                     AS country_psi,
       CHI_SQUARE_PVALUE_BY(country, CASE WHEN week = 'baseline' THEN 1 END,
                                     CASE WHEN week = 'current' THEN 1 END)       AS country_p,
       PSI_BINNED(CASE WHEN week = 'baseline' THEN latency_ms END,
                  CASE WHEN week = 'current' THEN latency_ms END)                 AS latency_psi,
       KS_STATISTIC(CASE WHEN week = 'baseline' THEN latency_ms END,
                    CASE WHEN week = 'current' THEN latency_ms END)               AS latency_ks,
       KS_PVALUE(CASE WHEN week = 'baseline' THEN latency_ms END,
                 CASE WHEN week = 'current' THEN latency_ms END)                  AS latency_p,
       WASSERSTEIN_DISTANCE(CASE WHEN week = 'baseline' THEN latency_ms END,
                            CASE WHEN week = 'current' THEN latency_ms END)       AS latency_shift_ms
FROM events;
