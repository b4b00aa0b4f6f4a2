-- The KL term of a variational autoencoder: one row per (sample, latent dimension) with the
-- encoder's mu and log-variance; VAE_KL sums 1/2 (mu^2 + e^lv - 1 - lv) over the dimensions,
-- i.e. KL(N(mu, diag sigma^2) || N(0, I)) per sample.
WITH latents(sample_id, dim, mu, log_var) AS (
  VALUES (1, 1, 0.5, -0.2), (1, 2, -1.0, 0.3), (1, 3, 0.0, 0.0),
         (2, 1, 2.0, -1.0), (2, 2, 0.1, 0.05), (2, 3, -0.3, 0.4)
)
SELECT sample_id, VAE_KL(mu, log_var) AS kl
FROM latents
GROUP BY sample_id
ORDER BY sample_id;
