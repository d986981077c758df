package io.perennial.acceptance;

import io.perennial.audit.AuditLog;
import io.perennial.billing.BillingActivities;
import io.perennial.fulfilment.BoxActivities;
import io.perennial.launcher.DemoAccounts;
import io.perennial.notification.NotificationActivities;
import io.perennial.ops.RenewalOpsActivities;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.payment.RenewalCharge;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.subscription.SubscriptionRecordActivities;
import io.perennial.temporal.TaskQueues;
import io.perennial.worker.HostedWorkflows;
import io.perennial.worker.SearchAttributeRegistrar;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reset after a bug fix, on the real Temporal server: a worker with a bug in the payment activity (it charges, then
 * crashes) fails the renewals; a fixed worker is deployed; ops reset the failed workflows through the API; they run
 * on from before the failure and every subscription is charged exactly once. The platform's own worker is off: the
 * test runs the buggy and the fixed worker itself.
 */
@NeedsTemporalCli
@PlatformTest(ownPlatform = true, temporal = PlatformTest.Temporal.DEV_SERVER, properties = {
        "perennial.worker.enabled=false", "perennial.catalog.allow-sub-day-intervals=true"})
class RealTemporalResetTest {

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private ApiSession api;

    @BeforeAll
    void registerTheSearchAttributes() {
        // The worker, which would register them, is off: the test runs its own with a broken activity.
        platform.bean(SearchAttributeRegistrar.class).registerMissing();
    }

    /** The bug: the charge goes through at the provider, then the activity crashes before it can say so. */
    static final class ChargeThenCrash implements PaymentActivities {
        private final PaymentActivities fixed;

        ChargeThenCrash(PaymentActivities fixed) {
            this.fixed = fixed;
        }

        @Override
        public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
            fixed.chargeInvoice(charge);
            throw ApplicationFailure.newNonRetryableFailure("bug 123: receipt mapping dereferenced null",
                    "NullPointerException");
        }

        @Override
        public io.perennial.payment.CollectedInvoice issueAndCharge(io.perennial.payment.InvoiceToCollect invoice) {
            fixed.issueAndCharge(invoice);
            throw ApplicationFailure.newNonRetryableFailure("bug 123: receipt mapping dereferenced null",
                    "NullPointerException");
        }

        @Override
        public io.perennial.payment.VoidedInvoiceSettlement settleVoidedInvoice(
                io.perennial.payment.VoidedInvoice invoice) {
            return fixed.settleVoidedInvoice(invoice);
        }

        @Override
        public ChargeReceipt chargeRenewal(RenewalCharge charge) {
            return fixed.chargeRenewal(charge);
        }

        @Override
        public RefundReceipt refund(RefundRequest request) {
            return fixed.refund(request);
        }
    }

    private WorkerFactory startWorker(PaymentActivities payments) {
        WorkerFactory factory = WorkerFactory.newInstance(platform.bean(WorkflowClient.class));
        io.temporal.worker.Worker worker = factory.newWorker(TaskQueues.SUBSCRIPTIONS);
        worker.registerWorkflowImplementationTypes(HostedWorkflows.IMPLEMENTATIONS.toArray(Class<?>[]::new));
        worker.registerActivitiesImplementations(payments,
                platform.bean(SubscriptionRecordActivities.class),
                platform.bean(BillingActivities.class),
                platform.bean(NotificationActivities.class),
                platform.bean(BoxActivities.class),
                platform.bean(RenewalOpsActivities.class),
                platform.bean(io.perennial.ops.OpsBatchActivities.class));
        // A new subscription's first charge is risk-checked on the orders' queue, where the order activities run.
        factory.newWorker(TaskQueues.ORDERS).registerActivitiesImplementations(
                platform.bean(io.perennial.risk.RiskActivities.class));
        factory.start();
        return factory;
    }

    @Test
    void failedRenewalsResetAfterABugFixCompleteAndAreChargedExactlyOnce() throws InterruptedException {
        PaymentActivities fixedPayments = platform.bean(PaymentActivities.class);
        WorkerFactory buggy = startWorker(new ChargeThenCrash(fixedPayments));
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", "plan_reset_drill", "productId", "prod_digital",
                "name", "Reset drill", "interval", Map.of("unit", "MINUTE", "count", 10),
                "trial", Map.of("unit", "SECOND", "count", 2),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 700)))).code()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String token = api.newCustomer();
            tokens.add(token);
            ids.add((String) api.post(token, "/v1/subscriptions", Map.of("planId", "plan_reset_drill",
                    "paymentMethod", "pm_card_visa")).body().get("id"));
        }
        ApiSession.eventually(() -> temporal.listWorkflows(
                        "PlanId = 'plan_reset_drill' AND ExecutionStatus = 'Failed'"), found -> found.size() == 2,
                Duration.ofSeconds(40));
        SimulatedGatewayLedger ledger = platform.bean(SimulatedGatewayLedger.class);
        assertThat(ids).as("the buggy activity took the money before it crashed")
                .allSatisfy(id -> assertThat(ledger.countCharges(id + ":1:")).isEqualTo(1));

        // The fix is deployed: the buggy worker goes, the fixed one comes.
        buggy.shutdownNow();
        buggy.awaitTermination(10, TimeUnit.SECONDS);
        WorkerFactory fixed = startWorker(fixedPayments);
        try {
            var started = api.post(ops, "/v1/ops/workflows/reset", Map.of(
                    "query", "PlanId = 'plan_reset_drill' AND ExecutionStatus = 'Failed'",
                    "reason", "bug 123 fixed in the payment activity"));
            assertThat(started.code()).isEqualTo(202);
            String status = "/v1/ops/batches/" + started.body().get("batchId");
            Map<String, Object> batch = ApiSession.eventually(() -> api.get(ops, status),
                    progress -> Boolean.TRUE.equals(progress.get("done")), Duration.ofSeconds(40));
            assertThat(batch).containsEntry("kind", "WORKFLOW_RESET").containsEntry("selected", 2)
                    .containsEntry("succeeded", 2).containsEntry("failed", 0);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) api.get(ops, status + "/items")
                    .get("items");
            assertThat(results).extracting(item -> item.get("itemId"), item -> item.get("outcome"))
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("subscription-" + ids.get(0),
                            "SUCCEEDED"), org.assertj.core.groups.Tuple.tuple("subscription-" + ids.get(1),
                            "SUCCEEDED"));

            ApiSession.eventually(() -> temporal.listWorkflows(
                            "PlanId = 'plan_reset_drill' AND ExecutionStatus = 'Running' AND SubscriptionStatus = 'ACTIVE'"),
                    found -> found.size() == 2, Duration.ofSeconds(40));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                assertThat(api.get(tokens.get(i), "/v1/subscriptions/" + id + "?consistency=strong"))
                        .containsEntry("status", "ACTIVE")
                        .containsEntry("source", "workflow");
                assertThat(ledger.countCharges(id + ":")).as("charged exactly once").isEqualTo(1);
                assertThat(api.list(tokens.get(i), "/v1/subscriptions/" + id + "/payments"))
                        .extracting(payment -> payment.get("status")).containsExactly("SUCCEEDED");
            }
            assertThat(platform.bean(AuditLog.class).findByTarget("subscription-" + ids.get(0)))
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.action()).isEqualTo("workflow.reset");
                        assertThat(entry.reason()).isEqualTo("bug 123 fixed in the payment activity");
                    });

            // A running workflow without a failure has nothing to reset to.
            var nothing = api.failure(() -> api.post(ops, "/v1/ops/workflows/subscription-" + ids.get(0) + "/reset",
                    Map.of("reason", "again")));
            assertThat(nothing.code()).isEqualTo(409);
            assertThat(ApiSession.problem(nothing)).containsEntry("type", "https://perennial.dev/problems/nothing-to-reset");
        } finally {
            fixed.shutdownNow();
            fixed.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
