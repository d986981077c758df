package io.perennial.subscription;

/** Move to {@code plan} (terms read from the catalog by the API when the customer asks). */
public record PlanChangeRequest(PlanTerms plan) {
}
