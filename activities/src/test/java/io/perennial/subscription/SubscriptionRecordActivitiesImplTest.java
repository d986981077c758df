package io.perennial.subscription;

import io.perennial.order.ShippingAddress;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionRecordActivitiesImplTest implements TestPropertyProvider {

    static final Instant STARTED = Instant.parse("2027-01-01T00:00:00Z");
    static final BillingPeriod PERIOD_2 = new BillingPeriod(2, Instant.parse("2027-02-01T00:00:00Z"),
            Instant.parse("2027-03-01T00:00:00Z"));

    @Inject
    SubscriptionRecordActivitiesImpl activities;
    @Inject
    SubscriptionRecordRepository records;
    @Inject
    CustomerRepository customers;
    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeEach
    void newCustomer() {
        UUID id = UUID.randomUUID();
        customers.save(new Customer(id, id + "@example.com", "Ada", Instant.now()));
        customerId = id.toString();
        subscriptionId = UUID.randomUUID().toString();
    }

    private SubscriptionState pausing(long revision) {
        return new SubscriptionState(subscriptionId, customerId, "plan_digital_yearly", SubscriptionStatus.PAST_DUE,
                STARTED, null, PERIOD_2, null, false, null, null, 1, revision, 12900L, "EUR", PERIOD_2.end(),
                Instant.parse("2027-02-04T00:00:00Z"), true, Instant.parse("2027-02-10T00:00:00Z"),
                Instant.parse("2027-04-01T00:00:00Z"), "plan_digital_monthly", "SPRING25", 2, 1, 1, "declined",
                Instant.parse("2027-02-01T00:00:00Z"), 2, null, null, null);
    }

    private SubscriptionState awaitingCustomer(long revision, NextAction action) {
        SubscriptionState base = pausing(revision);
        return new SubscriptionState(base.subscriptionId(), base.customerId(), base.planId(), base.status(),
                base.startedAt(), base.trialEnd(), base.currentPeriod(), base.nextBillingAt(), false, null, null, 0,
                revision, base.amountMinor(), base.currency(), base.accessUntil(), base.nextRetryAt(), false, null,
                null, null, null, null, 1, null, action == null ? "declined" : "authentication_required",
                base.paymentIssueSince(), 1, null, action, null);
    }

    @Test
    void theReadModelShowsThePaymentWaitingForTheCustomerUntilItIsSettled() {
        NextAction action = new NextAction(NextAction.AUTHENTICATE_PAYMENT, subscriptionId + ":2:renewal",
                Instant.parse("2027-02-02T08:00:00Z"));
        activities.recordSubscription(awaitingCustomer(2, action));

        SubscriptionRecord waiting = records.findById(UUID.fromString(subscriptionId)).orElseThrow();
        assertThat(waiting.paymentIssue()).isEqualTo("authentication_required");
        assertThat(waiting.nextActionType()).isEqualTo("authenticate_payment");
        assertThat(waiting.nextActionPaymentKey()).isEqualTo(subscriptionId + ":2:renewal");
        assertThat(waiting.nextActionExpiresAt()).isEqualTo(Instant.parse("2027-02-02T08:00:00Z"));

        activities.recordSubscription(awaitingCustomer(3, null));
        SubscriptionRecord settled = records.findById(UUID.fromString(subscriptionId)).orElseThrow();
        assertThat(settled.nextActionType()).isNull();
        assertThat(settled.nextActionPaymentKey()).isNull();
        assertThat(settled.nextActionExpiresAt()).isNull();
    }

    @Test
    void theReadModelKeepsAccessDunningPausePlanChangeAndCouponColumns() {
        activities.recordSubscription(pausing(3));

        SubscriptionRecord row = records.findById(UUID.fromString(subscriptionId)).orElseThrow();
        assertThat(row.planId()).isEqualTo("plan_digital_yearly");
        assertThat(row.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(row.accessUntil()).isEqualTo(PERIOD_2.end());
        assertThat(row.nextRetryAt()).isEqualTo(Instant.parse("2027-02-04T00:00:00Z"));
        assertThat(row.pauseAtPeriodEnd()).isTrue();
        assertThat(row.pausedAt()).isEqualTo(Instant.parse("2027-02-10T00:00:00Z"));
        assertThat(row.resumeAt()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
        assertThat(row.scheduledPlanId()).isEqualTo("plan_digital_monthly");
        assertThat(row.amountMinor()).isEqualTo(12900L);
        assertThat(row.currency()).isEqualTo("EUR");
        assertThat(row.couponCode()).isEqualTo("SPRING25");
        assertThat(row.couponInvoicesLeft()).isEqualTo(2);
        assertThat(row.revision()).isEqualTo(3);
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOne() {
        activities.recordSubscription(pausing(5));
        SubscriptionState older = SubscriptionState.skeleton(subscriptionId, customerId, "plan_digital_monthly",
                SubscriptionStatus.ACTIVE, STARTED, null, PERIOD_2, PERIOD_2.end(), false, null, null, 0, 4);

        activities.recordSubscription(older);

        SubscriptionRecord row = records.findById(UUID.fromString(subscriptionId)).orElseThrow();
        assertThat(row.revision()).isEqualTo(5);
        assertThat(row.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(row.scheduledPlanId()).isEqualTo("plan_digital_monthly");
        assertThat(row.pauseAtPeriodEnd()).isTrue();
    }

    /**
     * A workflow task that wrote its read model and whose completion the server then refused runs again, later: the
     * same revision comes again with the time its history keeps. It replaces the first write, and writes no second
     * event (found by the money property test: a cancel's times one second apart).
     */
    @Test
    void theSameRevisionWrittenAgainReplacesTheRowWithoutASecondEvent() {
        SubscriptionState first = SubscriptionState.skeleton(subscriptionId, customerId, "plan_digital_yearly",
                SubscriptionStatus.CANCELED, STARTED, null, PERIOD_2, Instant.parse("2027-02-10T08:16:07Z"), false,
                Instant.parse("2027-02-10T08:16:07Z"), "customer_request", 0, 6);
        SubscriptionState again = SubscriptionState.skeleton(subscriptionId, customerId, "plan_digital_yearly",
                SubscriptionStatus.CANCELED, STARTED, null, PERIOD_2, Instant.parse("2027-02-10T08:16:08Z"), false,
                Instant.parse("2027-02-10T08:16:08Z"), "customer_request", 0, 6);

        activities.recordSubscription(first);
        activities.recordSubscription(again);

        SubscriptionRecord row = records.findById(UUID.fromString(subscriptionId)).orElseThrow();
        assertThat(row.revision()).isEqualTo(6);
        assertThat(row.nextBillingAt()).isEqualTo(Instant.parse("2027-02-10T08:16:08Z"));
        assertThat(row.canceledAt()).isEqualTo(Instant.parse("2027-02-10T08:16:08Z"));
        long events = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM events WHERE resource_id = ?", statement -> {
                    statement.setString(1, subscriptionId);
                    try (java.sql.ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }));
        assertThat(events).as("one event for the revision").isEqualTo(1L);
    }

    @Test
    void theApisFirstRowStartsWithEmptyNewColumnsAndTheWorkflowFillsThem() {
        UUID id = UUID.fromString(subscriptionId);
        records.insertStarted(id, UUID.fromString(customerId), "plan_digital_yearly", 1, 12900, "EUR",
                "subscription-" + id, "ACTIVE", null, STARTED);
        SubscriptionRecord first = records.findById(id).orElseThrow();
        assertThat(first.accessUntil()).isNull();
        assertThat(first.planVersion()).isEqualTo(1);
        assertThat(first.amountMinor()).isEqualTo(12900L);

        activities.recordSubscription(pausing(1));

        assertThat(records.findById(id).orElseThrow().accessUntil()).isEqualTo(PERIOD_2.end());
    }

    /**
     * The API's sign-up row and the workflow's first record race on two unique keys; neither fails for good (200
     * races: without the fix a few of them failed the API's insert on {@code workflow_id}).
     */
    @Test
    void theSignUpRowAndTheWorkflowsFirstRecordWrittenAtTheSameMomentLeaveTheWorkflowsRow() throws Exception {
        for (int i = 0; i < 200; i++) {
            newCustomer();
            UUID id = UUID.fromString(subscriptionId);
            List<Concurrently.Outcome<Object>> outcomes = Concurrently.run(2, thread -> {
                if (thread == 0) {
                    records.insertStarted(id, UUID.fromString(customerId), "plan_digital_yearly", 1, 12900, "EUR",
                            "subscription-" + id, "ACTIVE", null, STARTED);
                    return null;
                }
                try {
                    activities.recordSubscription(pausing(1));
                } catch (RuntimeException lostTheRace) {
                    // Retryable: the activity's next attempt, as Temporal makes it, finds the row.
                    activities.recordSubscription(pausing(1));
                }
                return null;
            });
            assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
            assertThat(records.findById(id).orElseThrow().revision()).isEqualTo(1);
        }
    }

    /** One writer per column: the API writes the sign-up row, every later address comes from the workflow. */
    @Test
    void theWorkflowWritesTheShippingAddressOfTheReadModel() {
        SubscriptionState base = pausing(2);
        ShippingAddress office = new ShippingAddress("Ada Lovelace", "Stationsplein 10", "3rd floor", "Utrecht",
                "3511 ED", "NL");
        activities.recordSubscription(new SubscriptionState(base.subscriptionId(), base.customerId(), base.planId(),
                base.status(), base.startedAt(), base.trialEnd(), base.currentPeriod(), base.nextBillingAt(),
                base.cancelAtPeriodEnd(), base.canceledAt(), base.cancelReason(), base.failedPaymentCount(),
                base.revision(), base.amountMinor(), base.currency(), base.accessUntil(), base.nextRetryAt(),
                base.pauseAtPeriodEnd(), base.pausedAt(), base.resumeAt(), base.scheduledPlanId(), base.couponCode(),
                base.couponInvoicesLeft(), base.planVersion(), base.scheduledPlanVersion(), base.paymentIssue(),
                base.paymentIssueSince(), base.paymentAttempts(), office, null, null));

        String[] address = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT shipping_address->>'city', shipping_address->>'line2' FROM subscriptions WHERE id = ?",
                statement -> {
                    statement.setObject(1, UUID.fromString(subscriptionId));
                    try (var rows = statement.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        return new String[] {rows.getString(1), rows.getString(2)};
                    }
                }));
        assertThat(address).containsExactly("Utrecht", "3rd floor");
    }
}
