-- The seed's worked example: grades A-D of two classes, P = class_a, Q = class_b.
-- KL_DIVERGENCE is 0.0980829253011726 nats in both directions; the values often quoted for
-- this example (0.057 and 0.048) are wrong.
WITH grades(grade, class_a, class_b) AS (
  VALUES ('A', 0.2, 0.1), ('B', 0.3, 0.4), ('C', 0.4, 0.3), ('D', 0.1, 0.2)
)
SELECT KL_DIVERGENCE(class_a, class_b)            AS kl_a_b,
       KL_DIVERGENCE(class_b, class_a)            AS kl_b_a,
       JS_DIVERGENCE(class_a, class_b)            AS js,
       PSI(class_a, class_b)                      AS psi,
       HELLINGER_DISTANCE(class_a, class_b)       AS hellinger,
       TOTAL_VARIATION_DISTANCE(class_a, class_b) AS tv,
       ENTROPY(class_a)                           AS entropy_a,
       CROSS_ENTROPY(class_a, class_b)            AS cross_entropy_a_b
FROM grades;
