/**
 * The association between two categorical columns, over observations (x, y) of any comparable
 * values: mutual information, Theil's U, Cramér's V (plain and bias-corrected) and Pearson's
 * contingency coefficient ({@code Association}), all from one contingency table of counts
 * ({@code CrossTab}, memory per distinct pair under the keyed forms' limit). Mutual information
 * is {@code core}'s own KL divergence of the joint from the product of the margins; χ² is a sum
 * of non-negative terms. Results are summed in an order fixed by the table alone, so every row
 * order, split and engine gives the same bits. Depends on {@code core} only.
 *
 * <p>Thread safety: an accumulator is one group's state and is not thread-safe.
 *
 * <p>References: mpmath at 80 digits from the exact counts
 * ({@code src/test/resources/reference/association.py}), with scipy 1.17's
 * {@code contingency.association} and ClickHouse's documented values beside them.
 */
package io.github.divergencesql.core.association;
