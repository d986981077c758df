package io.perennial.reconciliation;

/** @param trigger who started the sweep: {@code schedule}, or {@code ops:{userId}} for a sweep run by hand */
public record SweepRequest(String trigger) {
}
