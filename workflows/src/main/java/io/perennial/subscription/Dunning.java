package io.perennial.subscription;

import java.time.Instant;

/**
 * An overdue invoice being collected.
 *
 * @param firstDeclineAt   scheduled retries are offsets from here
 * @param scheduledRetries how many retries of the {@link DunningSchedule} have run
 * @param retries          every retry so far, scheduled or asked for at once; the next is {@code dunning-{retries + 1}}
 */
public record Dunning(BillingPeriod period, String invoiceId, long amountDueMinor, Instant firstDeclineAt,
                      int scheduledRetries, int retries) {
}
