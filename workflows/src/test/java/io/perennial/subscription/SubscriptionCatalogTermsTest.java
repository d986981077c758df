package io.perennial.subscription;

import io.perennial.fulfilment.BoxDue;
import io.perennial.fulfilment.BoxItem;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the catalog puts into a subscription's terms: a physical plan's box per paid period, plan versions that
 * existing subscribers keep until explicitly migrated, and intervals as short as seconds for real-server tests.
 */
class SubscriptionCatalogTermsTest extends SubscriptionWorkflowTestSupport {

    static final List<BoxItem> COFFEE_BOX = List.of(new BoxItem("COFFEE-250G", 2), new BoxItem("MUG", 1));
    static final PlanTerms COFFEE_MONTHLY = new PlanTerms("plan_coffee_monthly", "Coffee box monthly", 2999, "EUR",
            BillingInterval.monthly(), 0, 1, null, COFFEE_BOX);
    static final PlanTerms MONTHLY_V1 = new PlanTerms("plan_basic_monthly", "Basic monthly", 1299, "EUR",
            BillingInterval.monthly(), 0, 1, null, null);
    static final PlanTerms MONTHLY_V2 = new PlanTerms("plan_basic_monthly", "Basic monthly", 1499, "EUR",
            BillingInterval.monthly(), 0, 2, null, null);

    @Test
    void aPhysicalPlanRecordsOneBoxPerPaidPeriodIncludingAPeriodRecoveredByDunning(TestWorkflowEnvironment env,
                                                                                   WorkflowClient client,
                                                                                   Worker worker) {
        payments.decline(2, "renewal");
        start(env, client, worker, "sub-coffee", COFFEE_MONTHLY);
        env.sleep(Duration.ofDays(59).plusHours(1));

        // Period 1 paid on 31 Jan; period 2 (from 28 Feb) declined, recovered by the first retry on 1 Mar;
        // period 3 from 31 Mar.
        assertThat(payments.paid()).extracting(InvoiceCharge::period, InvoiceCharge::purpose)
                .containsExactly(tuple(1, "renewal"), tuple(2, "dunning-1"), tuple(3, "renewal"));
        assertThat(boxes.due()).extracting(BoxDue::period, BoxDue::dueAt, BoxDue::planVersion)
                .containsExactly(tuple(1, JAN_31_2027, 1),
                        tuple(2, Instant.parse("2027-03-01T09:00:00Z"), 1),
                        tuple(3, Instant.parse("2027-03-31T09:00:00Z"), 1));
        assertThat(boxes.due()).allSatisfy(box -> assertThat(box.items()).isEqualTo(COFFEE_BOX));
        assertThat(boxes.calls()).as("each box recorded once").isEqualTo(3);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-coffee"), "subscription-physical-boxes");
    }

    @Test
    void aDigitalPlanRecordsNoBoxes(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        start(env, client, worker, "sub-digital", MONTHLY_V1);
        env.sleep(Duration.ofDays(30));
        assertThat(payments.paid()).hasSize(2);
        assertThat(boxes.calls()).isZero();
    }

    @Test
    void aPriceMigrationKeepsThePaidPeriodAndBillsTheNewVersionFromTheNextOne(TestWorkflowEnvironment env,
                                                                             WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-migrate", MONTHLY_V1);
        env.sleep(Duration.ofDays(10));

        SubscriptionState migrating = workflow.migratePlanVersion(MONTHLY_V2);
        assertThat(migrating.planVersion()).isEqualTo(1);
        assertThat(migrating.amountMinor()).isEqualTo(1299L);
        assertThat(migrating.scheduledPlanId()).isEqualTo("plan_basic_monthly");
        assertThat(migrating.scheduledPlanVersion()).isEqualTo(2);

        assertMigrationRejected(() -> workflow.migratePlanVersion(MONTHLY_V2), "already on version 2");
        assertMigrationRejected(() -> workflow.migratePlanVersion(new PlanTerms("plan_premium_monthly", "Premium",
                2499, "EUR", BillingInterval.monthly(), 0, 3, null, null)), "a move to another plan is a plan change");

        env.sleep(Duration.ofDays(19));
        SubscriptionState migrated = workflow.state();
        assertThat(migrated.planVersion()).isEqualTo(2);
        assertThat(migrated.amountMinor()).isEqualTo(1499L);
        assertThat(migrated.scheduledPlanId()).isNull();
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1299L, 1499L);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-migrate"), "subscription-price-migration");
    }

    @Test
    void aMigrationDuringTheTrialAppliesAtOnce(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        PlanTerms trialV1 = new PlanTerms("plan_digital_monthly", "Digital monthly", 1299, "EUR",
                BillingInterval.monthly(), 14, 1, null, null);
        PlanTerms trialV2 = new PlanTerms("plan_digital_monthly", "Digital monthly", 1399, "EUR",
                BillingInterval.monthly(), 14, 2, null, null);
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-migrate-trial", trialV1);
        env.sleep(Duration.ofDays(2));

        assertThat(workflow.migratePlanVersion(trialV2).planVersion()).isEqualTo(2);
        env.sleep(Duration.ofDays(13));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1399L);
    }

    @Test
    void secondsLongTrialsAndPeriodsBillOnTheirBoundaries(TestWorkflowEnvironment env, WorkflowClient client,
                                                          Worker worker) {
        PlanTerms fast = new PlanTerms("plan_fast", "Every ten seconds", 100, "EUR",
                new BillingInterval(IntervalUnit.SECOND, 10), 0, 1, new BillingInterval(IntervalUnit.SECOND, 5), null);
        start(env, client, worker, "sub-fast", fast);
        env.sleep(Duration.ofSeconds(26));

        assertThat(payments.paid()).extracting(InvoiceCharge::period, InvoiceCharge::businessTime)
                .containsExactly(tuple(1, JAN_31_2027.plusSeconds(5)), tuple(2, JAN_31_2027.plusSeconds(15)),
                        tuple(3, JAN_31_2027.plusSeconds(25)));
    }

    private static void assertMigrationRejected(Runnable change, String reason) {
        assertThatThrownBy(change::run).isInstanceOf(WorkflowUpdateException.class)
                .hasStackTraceContaining(reason);
    }
}
