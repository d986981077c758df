package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charges whose answer was lost, on the embedded platform and the test clock: the simulated provider books every
 * charge and loses its answer ({@code LOST_ANSWERS}), so the renewal is held with its payment PENDING although the
 * provider has the money.
 */
@PlatformTest(ownPlatform = true)
class ChargeInDoubtApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private SimulatedGatewayLedger ledger;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        ledger = platform.bean(SimulatedGatewayLedger.class);
    }

    @AfterEach
    void providerBack() {
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
    }

    /** Issue 12's money bug: before the fix the invoice was voided, the payment stayed PENDING, nobody refunded. */
    @Test
    void aRenewalTheProviderTookWithoutAnsweringIsRefundedWhenTheCustomerCancelsDuringTheHold() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "LOST_ANSWERS", "note", "answers lost"));

        // The trial ends; every answer is lost for the 30-minute retry window, then the renewal is held.
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(api.get(customer, "/v1/subscriptions/" + id)).as("held, not declined")
                .containsEntry("failedPaymentCount", 0);
        assertThat(ledger.countCharges(id + ":")).as("the provider has the money").isEqualTo(1);
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("PENDING");

        assertThat(api.post(customer, "/v1/subscriptions/" + id + "/cancel", Map.of("timing", "IMMEDIATELY")).body())
                .containsEntry("status", "CANCELED");

        Map<String, Object> invoice = onlyOne(api.list(customer, "/v1/subscriptions/" + id + "/invoices"));
        assertThat(invoice).containsEntry("status", "VOID");
        long total = ((Number) invoice.get("totalMinor")).longValue();
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("SUCCEEDED");
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);
        assertThat(ledger.refunds(id + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, total));
    }

    /** The test: a provider that takes the money and loses the answer; the sweep settles it, once. */
    @Test
    void theSweepSettlesAChargeWhoseAnswerWasLostAndTheCustomerIsChargedOnce() {
        String customer = api.newCustomer();
        String id = heldWithTheMoneyTaken(customer);
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        // Past the sweep's grace (1 h from the first try), before the hold's own next try (an hour after the hold).
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT10M"));

        sweepNow();
        // (A weekly run of the Schedule's stand-in may have found it first: either way, one finding.)
        assertThat(findingsOf(id)).singleElement().satisfies(finding -> assertThat(finding)
                .containsEntry("paymentKey", id + ":1:renewal").containsEntry("providerSaid", "SUCCEEDED")
                .containsEntry("fix", "SETTLED"));
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(onlyOne(api.list(customer, "/v1/subscriptions/" + id + "/invoices"))).containsEntry("status", "PAID");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("SUCCEEDED");

        // Sweeping again finds nothing of it: the customer is charged once and never refunded.
        sweepNow();
        assertThat(findingsOf(id)).hasSize(1);
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);
        assertThat(ledger.refunds(id + ":").count()).isZero();
    }

    /** The cancel cannot ask an unreachable provider; the next sweep finds the money and gives it back. */
    @Test
    void aChargeVoidedWhileTheProviderWasUnreachableIsRefundedByTheNextSweep() {
        String customer = api.newCustomer();
        String id = heldWithTheMoneyTaken(customer);
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS"));
        assertThat(api.post(customer, "/v1/subscriptions/" + id + "/cancel", Map.of("timing", "IMMEDIATELY")).body())
                .containsEntry("status", "CANCELED");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("PENDING");

        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT10M"));
        sweepNow();

        long total = ((Number) onlyOne(api.list(customer, "/v1/subscriptions/" + id + "/invoices"))
                .get("totalMinor")).longValue();
        assertThat(findingsOf(id)).singleElement().satisfies(finding -> assertThat(finding)
                .containsEntry("providerSaid", "SUCCEEDED").containsEntry("fix", "REFUNDED"));
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);
        assertThat(ledger.refunds(id + ":")).isEqualTo(new SimulatedGatewayLedger.RefundTotals(1, total));
        assertThat(api.failure(() -> api.get(customer, "/v1/ops/reconciliation")).code()).isEqualTo(403);
    }

    /** A held charge the provider never booked, canceled: after the grace period the sweep takes it off the books. */
    @Test
    void aChargeNeverBookedForAVoidedInvoiceIsAbandonedByTheSweepAfterTheGracePeriod() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS"));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(20));
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        api.post(customer, "/v1/subscriptions/" + id + "/cancel", Map.of("timing", "IMMEDIATELY"));
        // Not booked yet is not never booked: a request that timed out may still land, so it waits for the sweep.
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("PENDING");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT10M"));
        sweepNow();

        assertThat(findingsOf(id)).singleElement().satisfies(finding -> assertThat(finding)
                .containsEntry("providerSaid", "NOT_BOOKED").containsEntry("fix", "ABANDONED"));
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("ABANDONED");
        assertThat(ledger.countCharges(id + ":")).isZero();
    }

    /** Subscribes, lets the trial end while the provider loses every answer: held, with the money taken. */
    private String heldWithTheMoneyTaken(String customer) {
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "LOST_ANSWERS", "note", "answers lost"));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);
        return id;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sweepNow() {
        Map<String, Object> started = api.post(ops, "/v1/ops/reconciliation", Map.of()).body();
        assertThat(started.get("counts")).as("the sweep finished within the wait").isNotNull();
        return (Map<String, Object>) started.get("counts");
    }

    /** What every stored run found about this subscription's charges. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> findingsOf(String subscriptionId) {
        List<Map<String, Object>> runs = (List<Map<String, Object>>) api.get(ops, "/v1/ops/reconciliation?drift=true")
                .get("items");
        return runs.stream().flatMap(run -> ((List<Map<String, Object>>) run.get("findings")).stream())
                .filter(finding -> subscriptionId.equals(finding.get("subscriptionId"))).toList();
    }

    private static Map<String, Object> onlyOne(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
