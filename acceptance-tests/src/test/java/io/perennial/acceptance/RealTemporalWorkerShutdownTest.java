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
import io.perennial.webhook.AttemptOutcome;
import io.perennial.webhook.AttemptRequest;
import io.perennial.webhook.EndpointDisabling;
import io.perennial.webhook.WebhookActivities;
import io.perennial.webhook.WebhookOutbox;
import io.perennial.worker.WebhookRelay;
import io.perennial.launcher.DemoAccounts;
import com.standardwebhooks.Webhook;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped in the middle of a charge, on the real Temporal server: it waits its grace period, abandons the
 * charge, and the other worker completes it; the subscription is charged once. Likewise a webhook endpoint's
 * workflow whose attempt was cut short: the other worker sends it, and the receiver gets it once.
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
        public io.perennial.payment.CollectedInvoice issueAndCharge(io.perennial.payment.InvoiceToCollect invoice) {
            charging.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("worker stopped during the charge", stopped);
            }
            return real.issueAndCharge(invoice);
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
        return worker(payments, platform.bean(WebhookActivities.class));
    }

    private TemporalWorker worker(PaymentActivities payments, WebhookActivities webhooks) {
        TemporalWorker worker = new TemporalWorker(platform.bean(WorkflowClient.class),
                platform.bean(SearchAttributeRegistrar.class), payments,
                platform.bean(SubscriptionRecordActivities.class),
                platform.bean(BillingActivities.class),
                platform.bean(NotificationActivities.class),
                platform.bean(BoxActivities.class),
                platform.bean(RenewalOpsActivities.class),
                platform.bean(io.perennial.ops.OpsBatchActivities.class),
                platform.bean(io.perennial.reconciliation.ReconciliationActivities.class),
                platform.bean(io.perennial.providerevent.ProviderEventActivities.class),
                platform.bean(io.perennial.periodic.PurgeActivities.class),
                platform.bean(OrderQueueActivities.class),
                platform.bean(RestockActivities.class),
                platform.bean(io.perennial.analytics.AnalyticsRollupActivities.class),
                platform.bean(io.perennial.billing.SentInvoiceActivities.class), webhooks,
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

    /** Webhook attempts that hang until the worker running them is stopped. */
    static final class HangingWebhooks implements WebhookActivities {
        final CountDownLatch sending = new CountDownLatch(1);
        private final WebhookActivities real;

        HangingWebhooks(WebhookActivities real) {
            this.real = real;
        }

        @Override
        public AttemptOutcome attempt(AttemptRequest request) {
            sending.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("worker stopped during the delivery", stopped);
            }
            return real.attempt(request);
        }

        @Override
        public void giveUp(String deliveryId) {
            real.giveUp(deliveryId);
        }

        @Override
        public void disable(EndpointDisabling disabling) {
            real.disable(disabling);
        }
    }

    @Test
    void aWebhookEndpointWorkflowSurvivesAWorkerStoppedMidDeliveryAndTheReceiverGetsTheEventOnceVerified()
            throws Exception {
        WebhookActivities real = platform.bean(WebhookActivities.class);
        HangingWebhooks hanging = new HangingWebhooks(real);
        TemporalWorker first = worker(platform.bean(PaymentActivities.class), hanging);
        ApiSession api = platform.api;
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> endpoint = api.post(admin, "/v1/admin/webhook-endpoints", Map.of(
                    "url", receiver.url("/restart", 0), "eventTypes", List.of("invoice.paid"))).body();
            String eventId = new WebhookEventLog(platform).log("invoice.paid", Instant.now());
            new WebhookRelay(platform.bean(WebhookOutbox.class), platform.bean(WorkflowClient.class)).pass();
            assertThat(hanging.sending.await(30, TimeUnit.SECONDS)).as("the first worker took the delivery").isTrue();

            TemporalWorker second = worker(platform.bean(PaymentActivities.class), real);
            try {
                first.stop();
                List<WebhookReceiver.Received> got = ApiSession.eventually(() -> receiver.at("/restart"),
                        requests -> !requests.isEmpty(), Duration.ofSeconds(60));
                Thread.sleep(1_000); // nothing more arrives
                assertThat(receiver.at("/restart")).singleElement().satisfies(request -> {
                    assertThat(request.webhookId()).isEqualTo(eventId);
                    new Webhook((String) endpoint.get("secret")).verify(request.body(), request.headers());
                });
                assertThat(got).hasSize(1);
            } finally {
                second.stop();
            }
        }
    }
}
