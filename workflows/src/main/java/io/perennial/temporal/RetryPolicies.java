package io.perennial.temporal;

import io.perennial.payment.PaymentFailures;
import io.perennial.restock.RestockFailures;
import io.temporal.common.RetryOptions;

import java.time.Duration;

/**
 * The named retry policies of every workflow's activity stubs, so one outside system is retried the same way by
 * every process that calls it. A business failure (a decline, a refusal) is never retried; infrastructure is.
 */
public final class RetryPolicies {

    /** Our own PostgreSQL: back off to a minute between attempts, for as long as it takes. */
    public static final RetryOptions DATABASE = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    /**
     * {@link #DATABASE} for a local activity. The SDK does not retry a local activity at all when neither a maximum of
     * attempts nor a schedule-to-close timeout is set (a write that timed out once would fail the workflow), so the
     * maximum is set, as good as unbounded; past the local retry threshold the SDK waits on workflow timers.
     */
    public static final RetryOptions LOCAL_DATABASE = DATABASE.toBuilder()
            .setMaximumAttempts(Integer.MAX_VALUE)
            .build();

    /**
     * The payment provider: timeouts and 5xx are retried with backoff for as long as it takes (a charge in doubt
     * must be settled); a decline is never retried.
     */
    public static final RetryOptions GATEWAY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .setDoNotRetry(PaymentFailures.PAYMENT_DECLINED)
            .build();

    /** A refund through the provider: retried like a charge until it answers; a refusal is final. */
    public static final RetryOptions GATEWAY_REFUND = GATEWAY.toBuilder()
            .setDoNotRetry(PaymentFailures.PAYMENT_DECLINED, PaymentFailures.REFUND_REFUSED)
            .build();

    /**
     * A look at the provider whose failure is left to the reconciliation sweep: one attempt, so a change that waits
     * on it never waits for a backoff (on the embedded test clock a backoff lasts until someone moves the clock).
     */
    public static final RetryOptions ONE_LOOK = RetryOptions.newBuilder().setMaximumAttempts(1).build();

    /** Compensations (a refund, a cancelled booking) must happen, so they retry until they do. */
    public static final RetryOptions COMPENSATION = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .build();

    /** A supplier down (5xx) or slow is tried for about five minutes, then the next supplier is. */
    public static final RetryOptions SUPPLIER = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(2))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(2))
            .setMaximumAttempts(6)
            .setDoNotRetry(RestockFailures.PURCHASE_ORDER_REJECTED)
            .build();

    /**
     * {@code policy}, given up after the attempts whose backoffs fit in {@code window}. The window is then counted in
     * answers from the outside system, not in elapsed time: while no worker is alive no attempt is made, so an outage
     * of our own workers does not use it up (a schedule-to-close timeout would). For a system that fails at once this
     * gives up at the same moment a schedule-to-close of {@code window} would.
     */
    public static RetryOptions attemptsWithin(RetryOptions policy, Duration window) {
        long initial = policy.getInitialInterval().toMillis();
        double coefficient = policy.getBackoffCoefficient() >= 1.0 ? policy.getBackoffCoefficient() : 2.0;
        long maximum = policy.getMaximumInterval() != null ? policy.getMaximumInterval().toMillis() : 100 * initial;
        long budget = window.toMillis();
        int attempts = 1;
        long waited = 0;
        double backoff = initial;
        while (waited + (long) backoff <= budget && attempts < 10_000) {
            waited += (long) backoff;
            attempts++;
            backoff = Math.min(backoff * coefficient, maximum);
        }
        return policy.toBuilder().setMaximumAttempts(attempts).build();
    }

    private RetryPolicies() {
    }
}
