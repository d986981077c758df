package io.perennial.subscription;

import io.micronaut.serde.ObjectMapper;
import io.perennial.order.ShippingAddress;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.analytics.SubscriptionHistory;
import io.perennial.event.BusinessClock;
import io.perennial.temporal.WorkflowIds;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

@Singleton
public class SubscriptionRecordActivitiesImpl implements SubscriptionRecordActivities {

    private final SubscriptionRecordRepository repository;
    private final ObjectMapper json;
    private final SubscriptionHistory history;
    private final SubscriptionEvents events;
    private final StoredItems storedItems;
    private final TransactionOperations<Connection> transactions;

    public SubscriptionRecordActivitiesImpl(SubscriptionRecordRepository repository, ObjectMapper json,
                                            SubscriptionHistory history, SubscriptionEvents events,
                                            StoredItems storedItems, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.json = json;
        this.history = history;
        this.events = events;
        this.storedItems = storedItems;
        this.transactions = transactions;
    }

    /** The row, its history and its event in one transaction: a retry finds all three or writes all three. */
    @Override
    public void recordSubscription(SubscriptionState state) {
        recordSubscriptionAt(state, BusinessClock.now());
    }

    @Override
    public void recordSubscriptionAt(SubscriptionState state, Instant at) {
        transactions.executeWrite(status -> {
            write(state, at);
            return null;
        });
    }

    private void write(SubscriptionState state, Instant at) {
        UUID id = UUID.fromString(state.subscriptionId());
        // Locked, so the status it held before is the one this revision replaces.
        SubscriptionRecord before = repository.lockById(id).orElse(null);
        boolean sameAddress = before != null && repository.countWithAddress(id, address(state.shippingAddress())) == 1;
        StoredItems.Items itemsBefore = before == null ? StoredItems.Items.NONE : storedItems.of(id);
        BillingPeriod period = state.currentPeriod();
        Instant changedAt = state.canceledAt() != null ? state.canceledAt() : Instant.now();
        NextAction action = state.nextAction();
        int wrote = repository.upsert(id, UUID.fromString(state.customerId()), state.planId(),
                WorkflowIds.subscription(state.subscriptionId()), state.status().name(), state.trialEnd(),
                period == null ? null : period.number(), period == null ? null : period.start(),
                period == null ? null : period.end(), state.nextBillingAt(), state.cancelAtPeriodEnd(),
                state.canceledAt(), state.cancelReason(), state.failedPaymentCount(), state.accessUntil(),
                state.nextRetryAt(), state.pauseAtPeriodEnd(), state.pausedAt(), state.resumeAt(),
                state.scheduledPlanId(), state.amountMinor(), state.quantity(), state.currency(), state.couponCode(),
                state.couponInvoicesLeft(), state.planVersion(), state.scheduledPlanVersion(), state.paymentIssue(),
                state.paymentIssueSince(), state.paymentAttempts(), address(state.shippingAddress()),
                json(state.nextBox()), state.addOns().isEmpty() ? null : json(state.addOns()),
                json(state.scheduledItems()), state.riskReview() == null ? null : state.riskReview().name(),
                action == null ? null : action.type(), action == null ? null : action.paymentKey(),
                action == null ? null : action.expiresAt(), state.revision(), state.startedAt(), changedAt);
        history.append(UUID.fromString(state.subscriptionId()), state.revision(),
                UUID.fromString(state.customerId()), state.planId(), state.planVersion(), state.status().name(),
                state.amountMinor(), state.currency(), state.couponCode(), state.couponInvoicesLeft(),
                state.cancelReason(), at);
        // A revision written again (its workflow task ran again) already has its event.
        if (wrote > 0 && (before == null || before.revision() < state.revision())) {
            events.recorded(before, itemsBefore, sameAddress, state, at);
        }
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The row's address is the workflow's: the read model has one writer per column. */
    private String address(ShippingAddress address) {
        if (address == null) {
            return null;
        }
        try {
            return json.writeValueAsString(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
