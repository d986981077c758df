package io.perennial.recommendation;

/**
 * A customer's implicit feedback on one item, already weighted and decayed (docs/analytics.md,
 * "Recommendations"); several for the same pair add up.
 *
 * @param item {@code plan:ID}, {@code sku:ID} or {@code product:ID}
 */
public record Interaction(String customer, String item, double weight) {
}
