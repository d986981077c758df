package io.perennial.ops;

/** A bulk retry as ops asked for it: the filter, who asked, and why (kept in the batch's history). */
public record RenewalRetryRequest(RenewalRetryFilter filter, String requestedBy, String note) {
}
