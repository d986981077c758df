package io.perennial.acceptance;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.api.payment.ProviderRedirectPage;
import io.perennial.notification.NotificationRepository;
import io.perennial.providerevent.ProviderEventOutcome;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.perennial.audit.AuditLog;
import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices the customer pays ({@code "collectionMethod":"SEND_INVOICE"}) on the embedded default: the invoice is sent
 * with a bank reference and a due date, is paid by a matched bank transfer (recorded twice, paid once), and falls
 * overdue without one; transfers that match nothing wait in the ops queue. Moves the test clock, so it has a platform
 * of its own.
 */
@PlatformTest(ownPlatform = true)
class InvoicesPaidByTheCustomerApiTest {

    private static final String TRANSFERS = "/v1/ops/bank-transfers";

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @Test
    void aSendInvoiceSubscriptionNeedsValidDaysUntilDue() {
        String customer = api.newCustomer();
        assertThat(refusedField(customer, Map.of("collectionMethod", "SEND_INVOICE"))).isEqualTo("/daysUntilDue");
        assertThat(refusedField(customer, Map.of("collectionMethod", "SEND_INVOICE", "daysUntilDue", 91)))
                .isEqualTo("/daysUntilDue");
        assertThat(refusedField(customer, Map.of("daysUntilDue", 14))).isEqualTo("/daysUntilDue");
        assertThat(refusedField(customer, Map.of("collectionMethod", "BY_PIGEON", "daysUntilDue", 14)))
                .isEqualTo("/collectionMethod");
    }

    @Test
    void aSendInvoiceSubscriptionIsPaidByAMatchedBankTransferRecordedTwiceAndPaidOnce() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 14);
        Map<String, Object> invoice = sentInvoice(customer, id);
        assertThat(invoice).containsEntry("collectionMethod", "SEND_INVOICE").containsEntry("status", "OPEN")
                .containsEntry("overdue", false).containsEntry("totalMinor", 12900);
        String reference = (String) invoice.get("bankReference");
        assertThat(reference).matches("PRN-[0-9A-Z]{4}-[0-9A-Z]{4}");

        // Typed by a person at their bank: lower case, no dashes.
        Map<String, Object> transfer = transfer("bank-tx-" + UUID.randomUUID(), 12900, "EUR",
                reference.replace("-", " ").toLowerCase());
        var recorded = api.post(ops, TRANSFERS, transfer);
        assertThat(recorded.code()).isEqualTo(201);
        assertThat(recorded.body()).containsEntry("status", "MATCHED").containsEntry("invoiceId", invoice.get("id"));
        var again = api.post(ops, TRANSFERS, transfer);
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body()).containsEntry("id", recorded.body().get("id"));

        Map<String, Object> active = ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> !view.get("accessUntil").equals(view.get("startedAt")), Duration.ofSeconds(10));
        assertThat(active).containsEntry("status", "ACTIVE");
        assertThat(api.get(customer, "/v1/invoices/" + invoice.get("id"))).containsEntry("status", "PAID");
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isZero();
        // The same reference paid again by another transaction pays nothing: it waits for ops.
        var second = api.post(ops, TRANSFERS, transfer("bank-tx-" + UUID.randomUUID(), 12900, "EUR", reference));
        assertThat(second.body()).containsEntry("status", "UNMATCHED")
                .containsEntry("unmatchedReason", "invoice_not_open");
        assertThat(platform.bean(AuditLog.class).findByTarget("bank-transfer:" + recorded.body().get("id")))
                .hasSize(1);
    }

    @Test
    void aSendInvoiceSubscriptionFallsOverdueWithoutATransferAndOpsAssignAQueuedOne() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 1);
        Map<String, Object> invoice = sentInvoice(customer, id);
        String reference = (String) invoice.get("bankReference");
        // Short by 100: it cannot pay the invoice, and waits in the queue.
        var partial = api.post(ops, TRANSFERS, transfer("bank-tx-" + UUID.randomUUID(), 12800, "EUR", reference));
        assertThat(partial.body()).containsEntry("status", "UNMATCHED").containsEntry("unmatchedReason", "underpaid");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT25H"));

        Map<String, Object> overdue = ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(10));
        // The first reminder is a day after the due date (the dunning schedule's first slot).
        assertThat(overdue.get("nextRetryAt")).isNotNull();
        assertThat(api.get(ops, "/v1/ops/renewals/failed?reason=invoice_overdue").get("items").toString())
                .contains(id);
        assertThat(api.get(customer, "/v1/invoices/" + invoice.get("id"))).containsEntry("overdue", true)
                .containsEntry("status", "OPEN");

        // The queue: the partial one, and one whose reference was lost on the way.
        var unreferenced = api.post(ops, TRANSFERS, transfer("bank-tx-" + UUID.randomUUID(), 12900, "EUR",
                "subscription fee"));
        assertThat(unreferenced.body()).containsEntry("unmatchedReason", "unknown_reference");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queue = (List<Map<String, Object>>) api.get(ops,
                TRANSFERS + "?status=UNMATCHED&limit=500").get("items");
        assertThat(queue).extracting(t -> t.get("id"))
                .contains(partial.body().get("id"), unreferenced.body().get("id"));
        HttpClientResponseException tooShort = api.failure(() -> api.post(ops,
                TRANSFERS + "/" + partial.body().get("id") + "/assign", Map.of("invoiceId", invoice.get("id"))));
        assertThat(tooShort.code()).isEqualTo(422);
        assertThat(api.post(ops, TRANSFERS + "/" + partial.body().get("id") + "/refund",
                Map.of("note", "sent back to the payer")).body()).containsEntry("status", "REFUNDED");

        var assigned = api.post(ops, TRANSFERS + "/" + unreferenced.body().get("id") + "/assign",
                Map.of("invoiceId", invoice.get("id"), "note", "payer confirmed by phone"));
        assertThat(assigned.body()).containsEntry("status", "ASSIGNED");
        Map<String, Object> recovered = ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(recovered.get("accessUntil")).isEqualTo(((Map<?, ?>) recovered.get("currentPeriod")).get("end"));
        assertThat(api.get(customer, "/v1/invoices/" + invoice.get("id"))).containsEntry("status", "PAID")
                .containsEntry("overdue", false);
        // Assigned once: a second assignment of the same transfer is refused.
        assertThat(api.failure(() -> api.post(ops, TRANSFERS + "/" + unreferenced.body().get("id") + "/assign",
                Map.of("invoiceId", invoice.get("id")))).code()).isEqualTo(409);
    }

    @Test
    void aSentInvoicePaidWithAlipayBeforeItsDueDateServesThePeriodAndAConfirmationDeliveredTwicePaysOnce() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 14);
        String invoiceId = (String) sentInvoice(customer, id).get("id");

        HttpResponse<Map<String, Object>> started = startPayment(customer, invoiceId, "alipay", "pay-" + invoiceId);
        assertThat(started.code()).isEqualTo(201);
        String redirectUrl = (String) started.body().get("redirectUrl");
        assertThat(redirectUrl).contains("/provider/redirects/rs_sim_");
        assertThat(started.body()).containsEntry("method", "alipay").containsEntry("status", "AWAITING_CUSTOMER")
                .containsKey("expiresAt");
        // Asked again, with or without the key: the same session.
        assertThat(startPayment(customer, invoiceId, "alipay", "pay-" + invoiceId).body())
                .containsEntry("redirectUrl", redirectUrl);
        assertThat(startPayment(customer, invoiceId, "alipay", null).body()).containsEntry("redirectUrl", redirectUrl);

        String providerPage = URI.create(redirectUrl).getPath();
        assertThat(platform.raw.get(null, providerPage, "text/html").body()).contains("id=\"approve\"");
        var approved = platform.raw.call(null, "POST", providerPage, "application/x-www-form-urlencoded",
                "outcome=approve");
        // Back to the merchant (this client follows the 303; PortalBalancesAndActionsTest checks where it points).
        assertThat(approved.status()).isIn(200, 303);

        // The confirmation is asynchronous: the invoice is paid once it arrived, then the period is served.
        ApiSession.eventually(() -> api.get(customer, "/v1/invoices/" + invoiceId),
                invoice -> "PAID".equals(invoice.get("status")), Duration.ofSeconds(10));
        Map<String, Object> served = ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> view.get("currentPeriod") != null
                        && ((Map<?, ?>) view.get("currentPeriod")).get("end").equals(view.get("accessUntil")),
                Duration.ofSeconds(10));
        assertThat(served).containsEntry("status", "ACTIVE");
        // The provider confirms a second time, as another event: nothing more is paid.
        String reference = providerPage.substring(providerPage.lastIndexOf('/') + 1);
        ProviderRedirectPage page = platform.bean(ProviderRedirectPage.class);
        page.deliver(page.session(reference), 2);
        assertThat(eventOutcome("evt_sim_" + reference.replace("rs_sim_", "") + "_2").effect())
                .isEqualTo("REDIRECT_DUPLICATE");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).singleElement()
                .satisfies(payment -> assertThat(payment).containsEntry("status", "SUCCEEDED")
                        .containsEntry("amountMinor", 12900));
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(invoiceId + ":")).isEqualTo(1);
        // The invoice's mail linked to its page, where these buttons are.
        UUID customerId = UUID.fromString((String) api.get(customer, "/v1/customers/me").get("customerId"));
        assertThat(platform.bean(NotificationRepository.class).findByCustomerIdOrderByCreatedAtDesc(customerId))
                .filteredOn(mail -> mail.template().equals("invoice_sent")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Alipay or WeChat Pay: ")
                        .contains("/portal/invoices/" + invoiceId));
        // Paid: no more sessions for it.
        assertThat(api.failure(() -> startPayment(customer, invoiceId, "wechat_pay", null)).code()).isEqualTo(409);
    }

    @Test
    void aRedirectPaymentTheCustomerFailsOrAbandonsLeavesTheInvoiceOpenAndItFallsOverdue() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 1);
        String invoiceId = (String) sentInvoice(customer, id).get("id");

        String wechat = URI.create((String) startPayment(customer, invoiceId, "wechat_pay", null).body()
                .get("redirectUrl")).getPath();
        platform.raw.call(null, "POST", wechat, "application/x-www-form-urlencoded", "outcome=fail");
        String reference = wechat.substring(wechat.lastIndexOf('/') + 1);
        assertThat(eventOutcome("evt_sim_" + reference.replace("rs_sim_", "")).effect()).isEqualTo("REDIRECT_FAILED");
        // Alipay is started and never answered (the customer closed the tab).
        startPayment(customer, invoiceId, "alipay", null);
        assertThat(api.get(customer, "/v1/invoices/" + invoiceId)).containsEntry("status", "OPEN");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT25H"));

        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(api.get(customer, "/v1/invoices/" + invoiceId)).containsEntry("overdue", true)
                .containsEntry("status", "OPEN");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).isEmpty();
        // Failed once, WeChat Pay may be tried again: a new session.
        assertThat(URI.create((String) startPayment(customer, invoiceId, "wechat_pay", null).body()
                .get("redirectUrl")).getPath()).isNotEqualTo(wechat);
    }

    @Test
    void aTransferAndARedirectConfirmationRacingForOneInvoicePayItOnceAndTheLoserIsRefundedOrQueued() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 14);
        Map<String, Object> invoice = sentInvoice(customer, id);
        String invoiceId = (String) invoice.get("id");
        String providerPage = URI.create((String) startPayment(customer, invoiceId, "alipay", null).body()
                .get("redirectUrl")).getPath();

        platform.raw.call(null, "POST", providerPage, "application/x-www-form-urlencoded", "outcome=approve");
        var transfer = api.post(ops, TRANSFERS, transfer("bank-tx-" + UUID.randomUUID(), 12900, "EUR",
                (String) invoice.get("bankReference")));
        String reference = providerPage.substring(providerPage.lastIndexOf('/') + 1);
        String redirect = eventOutcome("evt_sim_" + reference.replace("rs_sim_", "")).effect();

        assertThat(api.get(customer, "/v1/invoices/" + invoiceId)).containsEntry("status", "PAID");
        if ("MATCHED".equals(transfer.body().get("status"))) {
            // The transfer got to the invoice first: the provider's money goes back.
            assertThat(redirect).isEqualTo("REDIRECT_REFUNDED");
            assertThat(platform.bean(SimulatedGatewayLedger.class).refunds(invoiceId + ":").amountMinor())
                    .isEqualTo(12900);
            assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).isEmpty();
        } else {
            assertThat(redirect).isEqualTo("REDIRECT_PAID");
            assertThat(transfer.body()).containsEntry("unmatchedReason", "invoice_not_open");
            assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).hasSize(1);
        }
    }

    @Test
    void onlyTheOwnerMayPayAnOpenSentInvoiceByAKnownRedirectMethod() {
        String customer = api.newCustomer();
        String id = subscribe(customer, 14);
        String invoiceId = (String) sentInvoice(customer, id).get("id");

        HttpClientResponseException unknown = api.failure(() -> startPayment(customer, invoiceId, "paypal", null));
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(ApiSession.problem(unknown).get("type")).isEqualTo("https://perennial.dev/problems/validation");
        HttpClientResponseException stranger = api.failure(() -> startPayment(api.newCustomer(), invoiceId,
                "alipay", null));
        assertThat(stranger.code()).isEqualTo(404);

        String charged = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_visa")).body().get("id");
        String chargedInvoice = (String) ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/"
                + charged + "/invoices"), invoices -> !invoices.isEmpty(), Duration.ofSeconds(10)).get(0).get("id");
        HttpClientResponseException notSent = api.failure(() -> startPayment(customer, chargedInvoice, "alipay",
                null));
        assertThat(notSent.code()).isEqualTo(409);
        assertThat(ApiSession.problem(notSent).get("type"))
                .isEqualTo("https://perennial.dev/problems/invoice-not-payable");
    }

    private HttpResponse<Map<String, Object>> startPayment(String customer, String invoiceId, String method,
                                                           String idempotencyKey) {
        MutableHttpRequest<Map<String, String>> request = HttpRequest.POST("/v1/invoices/" + invoiceId
                + "/payments", Map.of("method", method)).bearerAuth(customer);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return platform.client.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class));
    }

    /** What the worker made of a provider event (the simulated provider's confirmation). */
    private ProviderEventOutcome eventOutcome(String eventId) {
        try {
            return platform.bean(WorkflowClient.class).newUntypedWorkflowStub(WorkflowIds.providerEvent(eventId))
                    .getResult(20, TimeUnit.SECONDS, ProviderEventOutcome.class);
        } catch (TimeoutException e) {
            throw new AssertionError("provider event " + eventId + " was not applied within 20 s", e);
        }
    }

    private String subscribe(String customer, int daysUntilDue) {
        return (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_visa", "collectionMethod", "SEND_INVOICE", "daysUntilDue", daysUntilDue))
                .body().get("id");
    }

    private Map<String, Object> sentInvoice(String customer, String subscriptionId) {
        return ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + subscriptionId + "/invoices"),
                invoices -> !invoices.isEmpty() && invoices.get(0).get("bankReference") != null,
                Duration.ofSeconds(10)).get(0);
    }

    private static Map<String, Object> transfer(String bankTransactionId, long amountMinor, String currency,
                                                String reference) {
        Map<String, Object> body = new HashMap<>();
        body.put("bankTransactionId", bankTransactionId);
        body.put("amountMinor", amountMinor);
        body.put("currency", currency);
        body.put("reference", reference);
        body.put("payerName", "Ada Lovelace");
        body.put("valueDate", "2027-02-01");
        return body;
    }

    private String refusedField(String customer, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("planId", "plan_digital_yearly", "paymentMethod",
                "pm_card_visa"));
        body.putAll(extra);
        HttpClientResponseException refused = api.failure(() -> api.post(customer, "/v1/subscriptions", body));
        assertThat(refused.code()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ApiSession.problem(refused).get("errors");
        return (String) errors.get(0).get("pointer");
    }
}
