package io.perennial.risk;

/**
 * One rule that fired for an order: its stable code, the points it added to the score and, in words, why.
 *
 * @param code   e.g. {@code DISPOSABLE_EMAIL}; ops filter and count by it
 * @param reason e.g. "email domain mailinator.com is a disposable address service"
 */
public record FiredRule(String code, int points, String reason) {
}
