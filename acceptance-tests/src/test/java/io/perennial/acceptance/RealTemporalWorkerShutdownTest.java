package io.perennial.acceptance;

import io.perennial.billing.BillingActivities;
import io.perennial.fulfilment.BoxActivities;
import io.perennial.notification.NotificationActivities;
import io.perennial.ops.RenewalOpsActivities;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.payment.RenewalCharge;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.restock.RestockActivities;
import io.perennial.subscription.SubscriptionRecordActivities;
import io.perennial.worker.SearchAttributeRegistrar;
import io.perennial.worker.OrderQueueActivities;
import io.perennial.worker.TemporalWorker;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped in the middle of a charge, on the real Temporal server: it waits its grace period, abandons the
 * charge, and the other worker completes it; the subscription is charged once.
 */
@NeedsTemporalCli
@PlatformTest(ownPlatform = true, temporal = PlatformTest.Temporal.DEV_SERVER,
        properties = "perennial.worker.enabled=false")
class RealTemporalWorkerShutdownTest {

    private TestPlatform platform;

    /** A provider that hangs: the charge only starts once the worker is being stopped. */
    static final class HangingPayments implements PaymentActivities {
        final CountDownLatch charging = new CountDownLatch(1);
        private final PaymentActivities real;

        HangingPayments(PaymentActivities real) {
            this.real = real;
        }

        @Override
        public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
            charging.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("worker stopped during the charge", stopped);
            }
            return real.chargeInvoice(charge);
        }

        @Override
        public io.perennial.payment.VoidedInvoiceSettlement settleVoidedInvoice(
                io.perennial.payment.VoidedInvoice invoice) {
            return real.settleVoidedInvoice(invoice);
        }

        @Override
        public ChargeReceipt chargeRenewal(RenewalCharge charge) {
            return real.chargeRenewal(charge);
        }

        @Override
        public RefundReceipt refund(RefundRequest request) {
            return real.refund(request);
        }
    }

    private TemporalWorker worker(PaymentActivities payments) {
        TemporalWorker worker = new TemporalWorker(platform.bean(WorkflowClient.class),
                platform.bean(SearchAttributeRegistrar.class), payments,
                platform.bean(SubscriptionRecordActivities.class),
                platform.bean(BillingActivities.class),
                platform.bean(NotificationActivities.class),
                platform.bean(BoxActivities.class),
                platform.bean(RenewalOpsActivities.class),
                platform.bean(io.perennial.reconciliation.ReconciliationActivities.class),
                platform.bean(io.perennial.providerevent.ProviderEventActivities.class),
                platform.bean(io.perennial.periodic.PurgeActivities.class),
                platform.bean(OrderQueueActivities.class),
                platform.bean(RestockActivities.class),
                platform.bean(io.perennial.analytics.AnalyticsRollupActivities.class),
                platform.bean(io.perennial.points.PointsActivities.class),
                platform.bean(io.perennial.recommendation.RecommendationActivities.class),
                platform.bean(io.perennial.datalake.DataLakeActivities.class), Duration.ofSeconds(2));
        worker.start();
        return worker;
    }

    @Test
    void aWorkerStoppedMidChargeHandsItToAnotherWorkerAndTheChargeHappensOnce() throws InterruptedException {
        PaymentActivities real = platform.bean(PaymentActivities.class);
        HangingPayments hanging = new HangingPayments(real);
        TemporalWorker first = worker(hanging);
        ApiSession api = platform.api;
        String token = api.newCustomer();
        String id = (String) api.post(token, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_visa")).body().get("id");
        assertThat(hanging.charging.await(30, TimeUnit.SECONDS)).as("the first worker took the charge").isTrue();

        TemporalWorker second = worker(real);
        try {
            first.stop();
            assertThat(first.isRunning()).isFalse();
            ApiSession.eventually(() -> api.list(token, "/v1/subscriptions/" + id + "/payments"),
                    payments -> payments.size() == 1 && "SUCCEEDED".equals(payments.get(0).get("status")),
                    Duration.ofSeconds(60));
            assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isEqualTo(1);
            assertThat(api.get(token, "/v1/subscriptions/" + id)).containsEntry("status", "ACTIVE");
        } finally {
            second.stop();
        }
    }
}
