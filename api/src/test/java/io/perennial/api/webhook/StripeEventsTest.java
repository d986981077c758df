package io.perennial.api.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.perennial.providerevent.ProviderEvent;
import io.perennial.providerevent.ProviderEventKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stripe's documented event JSON (trimmed to the fields that matter), signed the way Stripe signs
 * ({@code t=…,v1=HMAC_SHA256(secret, t + "." + payload)}), verified by stripe-java and read into what Perennial acts on.
 */
class StripeEventsTest {

    private static final String SECRET = "whsec_test_5f1d0c7e9a2b4c6d8e0f1a3b5c7d9e1f";

    static String paymentIntentEvent(String eventId, String type, String key, String lastPaymentError) {
        return """
                {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":1767225600,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":"%s"},"type":"%s",
                 "data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":1099,
                   "amount_received":1099,"currency":"eur","customer":"cus_NffrFeUfNV2Hib","status":"succeeded",
                   "last_payment_error":%s,"metadata":{"perennial_key":"%s","perennial_owner":"subscription"}}}}
                """.formatted(eventId, key, type, lastPaymentError, key);
    }

    static String disputeEvent(String eventId, String disputeId) {
        return """
                {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":1767225600,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"charge.dispute.created",
                 "data":{"object":{"id":"%s","object":"dispute","amount":1099,"charge":"ch_1MtwBwLkdIwHu7ixd1Y9B9iz",
                   "currency":"eur","payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa","reason":"fraudulent",
                   "status":"needs_response","metadata":{}}}}
                """.formatted(eventId, disputeId);
    }

    static String signature(String payload, String secret, long timestamp) throws Exception {
        return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
    }

    private static Event verified(String payload, String header) throws SignatureVerificationException {
        return Webhook.constructEvent(payload, header, SECRET, 300);
    }

    @Test
    void aSignedPaymentIntentSucceededEventNamesOurChargeByItsKeyAndStripesId() throws Exception {
        String payload = paymentIntentEvent("evt_1", "payment_intent.succeeded", "sub-1:2:renewal", "null");

        ProviderEvent event = StripeEvents.read(verified(payload, signature(payload, SECRET, now()))).orElseThrow();

        assertThat(event.kind()).isEqualTo(ProviderEventKind.PAYMENT_SUCCEEDED);
        assertThat(event.eventId()).isEqualTo("evt_1");
        assertThat(event.paymentKey()).isEqualTo("sub-1:2:renewal");
        assertThat(event.providerPayment()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
        assertThat(event.currency()).isEqualTo("EUR");
    }

    @Test
    void aFailedPaymentCarriesTheDeclineCodeOfItsLastPaymentError() throws Exception {
        String payload = paymentIntentEvent("evt_2", "payment_intent.payment_failed", "sub-1:2:renewal",
                "{\"code\":\"card_declined\",\"decline_code\":\"stolen_card\",\"type\":\"card_error\"}");

        ProviderEvent event = StripeEvents.read(verified(payload, signature(payload, SECRET, now()))).orElseThrow();

        assertThat(event.kind()).isEqualTo(ProviderEventKind.PAYMENT_FAILED);
        assertThat(event.declineCode()).isEqualTo("stolen_card");
    }

    @Test
    void aDisputeNamesItsPaymentIntentAmountAndReason() throws Exception {
        String payload = disputeEvent("evt_3", "dp_1MtwBwLkdIwHu7ix");

        ProviderEvent event = StripeEvents.read(verified(payload, signature(payload, SECRET, now()))).orElseThrow();

        assertThat(event.kind()).isEqualTo(ProviderEventKind.DISPUTE_CREATED);
        assertThat(event.disputeId()).isEqualTo("dp_1MtwBwLkdIwHu7ix");
        assertThat(event.providerPayment()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
        assertThat(event.amountMinor()).isEqualTo(1099);
        assertThat(event.reason()).isEqualTo("fraudulent");
    }

    @Test
    void aClosedDisputeCarriesItsDecisionAsTheStatusStripeGaveIt() throws Exception {
        String payload = disputeEvent("evt_5", "dp_1MtwBwLkdIwHu7ix").replace("charge.dispute.created",
                "charge.dispute.closed").replace("\"status\":\"needs_response\"", "\"status\":\"won\"");

        ProviderEvent event = StripeEvents.read(verified(payload, signature(payload, SECRET, now()))).orElseThrow();

        assertThat(event.kind()).isEqualTo(ProviderEventKind.DISPUTE_CLOSED);
        assertThat(event.disputeId()).isEqualTo("dp_1MtwBwLkdIwHu7ix");
        assertThat(event.providerPayment()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
        assertThat(event.reason()).isEqualTo("won");
    }

    @Test
    void aTypePerennialDoesNotActOnReadsAsNothing() throws Exception {
        String payload = paymentIntentEvent("evt_4", "customer.created", "k", "null");

        assertThat(StripeEvents.read(verified(payload, signature(payload, SECRET, now())))).isEmpty();
    }

    @Test
    void aTamperedBodyAWrongSecretOrAnOldTimestampIsRefusedByStripesCheck() throws Exception {
        String payload = paymentIntentEvent("evt_5", "payment_intent.succeeded", "sub-1:2:renewal", "null");
        String header = signature(payload, SECRET, now());

        assertThatThrownBy(() -> verified(payload.replace("1099", "1"), header))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> verified(payload, signature(payload, SECRET + "x", now())))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> verified(payload, signature(payload, SECRET, now() - 3600)))
                .isInstanceOf(SignatureVerificationException.class);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
