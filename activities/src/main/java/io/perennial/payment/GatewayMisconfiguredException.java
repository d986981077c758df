package io.perennial.payment;

import io.temporal.failure.ApplicationFailure;

/**
 * The provider refused us rather than the payment: a wrong or revoked API key (401), a key without the permission
 * (403), a request it rejects as malformed, or an idempotency key reused with other parameters. Retrying the same
 * call cannot succeed until an operator fixes the configuration or the code, but it is still retried: a
 * non-retryable failure would reach workflow code that only knows declines and outages and fail the workflow,
 * whereas a retried one holds the charge (the bounded stubs put the renewal on hold as for an outage) and goes
 * through unchanged, with the same key, once the key is fixed.
 *
 * <p>Unlike an outage it is not benign: every attempt is logged as a warning with its type, and counted under its
 * reason in {@code perennial.gateway.failures}, so ops see it.
 */
public class GatewayMisconfiguredException extends GatewayUnavailableException {

    /** @param reason {@code gateway_misconfigured}, {@code gateway_rejected_request} or {@code idempotency_conflict} */
    public GatewayMisconfiguredException(String reason, String message) {
        super(reason, message);
    }

    @Override
    public ApplicationFailure toRetryableFailure() {
        return ApplicationFailure.newFailure(getMessage(), reason());
    }
}
