package io.perennial.payment.stripe;

import io.perennial.payment.DeclineCodes;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayMisconfiguredException;
import io.perennial.payment.GatewayRefund;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.ProviderCustomers;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stripe's documented answers (https://docs.stripe.com/api/errors, /declines/codes, the PaymentIntent and Refund
 * objects), served by {@link CannedStripe} and parsed by stripe-java itself, mapped onto the port's outcomes.
 */
class StripeOutcomeMappingTest {

    private static final String KEY = "6f1c3a52-1b7e-4c1e-9a57-0c3c1a3f0e11:3:renewal";
    private static final GatewayCharge CHARGE = new GatewayCharge(KEY, 1299, "EUR", "pm_card_visa");

    private CannedStripe stripe;

    @BeforeEach
    void start() throws IOException {
        stripe = new CannedStripe();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void aChargeIsAPaymentIntentConfirmedOffSessionUnderOurOwnKey() {
        stripe.answer(200, paymentIntent("pi_ok", "succeeded", null));

        GatewayResult result = stripe.gateway().charge(CHARGE);

        assertThat(result).isEqualTo(GatewayResult.approved("pi_ok"));
        CannedStripe.Sent sent = stripe.last();
        assertThat(sent.path()).isEqualTo("/v1/payment_intents");
        assertThat(sent.idempotencyKey()).isEqualTo(KEY);
        assertThat(sent.form()).containsEntry("amount", "1299").containsEntry("currency", "eur")
                .containsEntry("payment_method", "pm_card_visa").containsEntry("confirm", "true")
                .containsEntry("off_session", "true")
                .containsEntry("automatic_payment_methods[allow_redirects]", "never")
                .containsEntry("metadata[perennial_key]", KEY)
                .containsEntry("metadata[perennial_owner]", "6f1c3a52-1b7e-4c1e-9a57-0c3c1a3f0e11");
    }

    @Test
    void aSoftCardDeclineIsADeclinedResultWithStripesDeclineCode() {
        stripe.answer(402, cardError("card_declined", "insufficient_funds", "Your card has insufficient funds."));

        GatewayResult result = stripe.gateway().charge(CHARGE);

        assertThat(result.approved()).isFalse();
        assertThat(result.reference()).isEqualTo("pi_declined");
        assertThat(result.declineCode()).isEqualTo("insufficient_funds");
        assertThat(result.message()).isEqualTo("Your card has insufficient funds.");
        assertThat(DeclineCodes.isHard(result.declineCode())).isFalse();
    }

    @Test
    void aStolenCardIsAHardDeclineThatNoRetryCanTurnAround() {
        stripe.answer(402, cardError("card_declined", "stolen_card", "Your card was declined."));

        GatewayResult result = stripe.gateway().charge(CHARGE);

        assertThat(result.declineCode()).isEqualTo("stolen_card");
        assertThat(DeclineCodes.isHard(result.declineCode())).isTrue();
        assertThat(DeclineCodes.retryMaySucceed(result.declineCode())).isFalse();
    }

    @Test
    void aCardErrorWithoutDeclineCodeIsDeclinedUnderItsErrorCode() {
        stripe.answer(402, cardError("expired_card", null, "Your card has expired."));

        assertThat(stripe.gateway().charge(CHARGE).declineCode()).isEqualTo("expired_card");
    }

    @Test
    void anOffSessionChargeThatNeedsTheCustomerIsDeclinedAsAuthenticationRequired() {
        stripe.answer(402, cardError("authentication_required", "authentication_required",
                "Your card was declined. This transaction requires authentication."));

        GatewayResult result = stripe.gateway().charge(CHARGE);

        assertThat(result.approved()).isFalse();
        assertThat(result.declineCode()).isEqualTo(DeclineCodes.AUTHENTICATION_REQUIRED);
        assertThat(DeclineCodes.retryMaySucceed(result.declineCode())).isFalse();
    }

    @Test
    void aPaymentIntentLeftRequiringActionIsDeclinedAsAuthenticationRequired() {
        stripe.answer(200, paymentIntent("pi_3ds", "requires_action", null));

        assertThat(stripe.gateway().charge(CHARGE))
                .extracting(GatewayResult::reference, GatewayResult::declineCode)
                .containsExactly("pi_3ds", "authentication_required");
    }

    @Test
    void anUnknownPaymentMethodIsDeclinedAsAnInvalidPaymentMethod() {
        stripe.answer(400, """
                {"error": {"code": "resource_missing", "param": "payment_method", "type": "invalid_request_error",
                 "message": "No such PaymentMethod: 'pm_nope'"}}""");

        assertThat(stripe.gateway().charge(CHARGE).declineCode()).isEqualTo("invalid_payment_method");
    }

    @Test
    void aRateLimitIsRetryable() {
        stripe.answer(429, """
                {"error": {"code": "rate_limit", "type": "invalid_request_error",
                 "message": "Too many requests hit the API too quickly."}}""");

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isExactlyInstanceOf(GatewayUnavailableException.class)
                .extracting(e -> ((GatewayUnavailableException) e).reason()).isEqualTo("gateway_rate_limited");
    }

    @Test
    void aServerErrorIsRetryableAsAnUnavailableProvider() {
        stripe.answer(500, """
                {"error": {"type": "api_error", "message": "Something went wrong on Stripe's end."}}""");

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isExactlyInstanceOf(GatewayUnavailableException.class)
                .extracting(e -> ((GatewayUnavailableException) e).reason()).isEqualTo("gateway_unavailable");
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutIsARetryableTimeout() {
        stripe.answer(200, paymentIntent("pi_late", "succeeded", null)).late(Duration.ofSeconds(2));

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isExactlyInstanceOf(GatewayUnavailableException.class)
                .extracting(e -> ((GatewayUnavailableException) e).reason()).isEqualTo("gateway_timeout");
    }

    @Test
    void aProviderThatRefusesConnectionsIsARetryableTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StripePaymentGateway gateway = new StripePaymentGateway(new StripeConfiguration("sk_test_x",
                "http://127.0.0.1:" + closed, Duration.ofMillis(500), Duration.ofMillis(500), 0),
                new ProviderCustomers(new InMemoryProviderCustomers()));

        assertThatThrownBy(() -> gateway.charge(CHARGE))
                .isExactlyInstanceOf(GatewayUnavailableException.class)
                .extracting(e -> ((GatewayUnavailableException) e).reason()).isEqualTo("gateway_timeout");
    }

    @Test
    void aRejectedApiKeyIsAMisconfigurationRetriedLoudlyNotADecline() {
        stripe.answer(401, """
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****nned"}}""");

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isInstanceOfSatisfying(GatewayMisconfiguredException.class, e -> {
                    assertThat(e.reason()).isEqualTo("gateway_misconfigured");
                    ApplicationFailure failure = e.toRetryableFailure();
                    assertThat(failure.isNonRetryable()).isFalse();
                    assertThat(failure.getCategory()).isNotEqualTo(ApplicationErrorCategory.BENIGN);
                    assertThat(failure.getType()).isEqualTo("gateway_misconfigured");
                });
    }

    @Test
    void aKeyWithoutThePermissionIsAMisconfiguration() {
        stripe.answer(403, """
                {"error": {"type": "invalid_request_error",
                 "message": "The provided key 'rk_test_***' does not have the required permissions for this endpoint."}}""");

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isInstanceOfSatisfying(GatewayMisconfiguredException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_misconfigured"));
    }

    @Test
    void ourKeyReusedWithOtherParametersIsAnIdempotencyConflictNotASecondCharge() {
        stripe.answer(400, """
                {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be used with \
                the same parameters they were first used with."}}""");

        assertThatThrownBy(() -> stripe.gateway().charge(CHARGE))
                .isInstanceOfSatisfying(GatewayMisconfiguredException.class,
                        e -> assertThat(e.reason()).isEqualTo("idempotency_conflict"));
    }

    @Test
    void aRefundIsARefundOfThePaymentIntentUnderTheRefundsOwnKey() {
        stripe.answer(200, """
                {"id": "re_1", "object": "refund", "amount": 500, "currency": "eur", "payment_intent": "pi_ok",
                 "status": "succeeded", "metadata": {}}""");

        GatewayResult result = stripe.gateway().refund(new GatewayRefund(KEY + ":refund-1", "pi_ok", 500, "EUR"));

        assertThat(result).isEqualTo(GatewayResult.approved("re_1"));
        assertThat(stripe.last().path()).isEqualTo("/v1/refunds");
        assertThat(stripe.last().idempotencyKey()).isEqualTo(KEY + ":refund-1");
        assertThat(stripe.last().form()).containsEntry("payment_intent", "pi_ok").containsEntry("amount", "500")
                .containsEntry("metadata[perennial_refund_key]", KEY + ":refund-1");
    }

    @Test
    void aRefundStripeRefusesIsARefusedRefundWithItsCode() {
        stripe.answer(400, """
                {"error": {"code": "charge_already_refunded", "type": "invalid_request_error",
                 "message": "Charge ch_1 has already been refunded."}}""");

        GatewayResult result = stripe.gateway().refund(new GatewayRefund("r", "pi_ok", 500, "EUR"));

        assertThat(result.approved()).isFalse();
        assertThat(result.declineCode()).isEqualTo("charge_already_refunded");
    }

    @Test
    void aLostAnswerIsFoundByOurKeyInThePaymentIntentsMetadata() {
        stripe.answer(200, """
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false,
                 "data": [%s]}""".formatted(paymentIntent("pi_found", "succeeded", null)));
        stripe.answer("/v1/payment_intents/pi_found", 200, paymentIntent("pi_found", "succeeded", null));

        assertThat(stripe.gateway().findCharge(KEY)).contains(GatewayResult.approved("pi_found"));
        CannedStripe.Sent search = stripe.sent().get(stripe.sent().size() - 2);
        assertThat(search.path()).isEqualTo("/v1/payment_intents/search");
        assertThat(java.net.URLDecoder.decode(search.query(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("query=metadata['perennial_key']:'" + KEY + "'");
        // Search is eventually consistent: what it finds is read again by id.
        assertThat(stripe.last().method()).isEqualTo("GET");
        assertThat(stripe.last().path()).isEqualTo("/v1/payment_intents/pi_found");
    }

    @Test
    void aKeyStripeNeverBookedFindsNothing() {
        stripe.answer(200, """
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false, "data": []}""");

        assertThat(stripe.gateway().findCharge(KEY)).isEmpty();
    }

    private static String searchResult(String paymentIntent) {
        return """
                {"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false,
                 "data": [%s]}""".formatted(paymentIntent == null ? "" : paymentIntent);
    }

    /** A PaymentIntent as Stripe answers the cancel of one: {@code canceled}, with the reason we gave. */
    private static String canceledIntent(String id, String reason, String lastPaymentError) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 1299, "currency": "eur", "status": "canceled",
                 "cancellation_reason": "%s", "canceled_at": 1767225600, "last_payment_error": %s,
                 "metadata": {"perennial_key": "%s"}}"""
                .formatted(id, reason, lastPaymentError, KEY);
    }

    private List<CannedStripe.Sent> cancels() {
        return stripe.sent().stream().filter(sent -> sent.path().endsWith("/cancel")).toList();
    }

    /** Stripe's search finds {@code intent} (a PaymentIntent's JSON) under our key, and reading it by id answers it. */
    private static void holds(CannedStripe stripe, String intent) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\": \"([^\"]+)\"").matcher(intent);
        assertThat(id.find()).isTrue();
        stripe.answer("/v1/payment_intents/search", 200, searchResult(intent));
        stripe.answer("/v1/payment_intents/" + id.group(1), 200, intent);
    }

    @Test
    void aStatusTheSearchDoesNotShowYetIsReadByIdSoAnApprovalJustBeforeTheDeadlineIsNotCanceled() {
        stripe.answer("/v1/payment_intents/search", 200, searchResult(paymentIntent("pi_3ds", "requires_action",
                null)));
        stripe.answer("/v1/payment_intents/pi_3ds", 200, paymentIntent("pi_3ds", "succeeded", null));

        stripe.gateway().closeCustomerAction(KEY);

        assertThat(cancels()).isEmpty();
        assertThat(stripe.gateway().findCharge(KEY)).contains(GatewayResult.approved("pi_3ds"));
    }

    @Test
    void aCustomerActionWhoseDeadlinePassedIsCanceledAsAbandonedUnderAKeyDerivedFromOursAndReadsAsExpired() {
        holds(stripe, paymentIntent("pi_3ds", "requires_action",
                null));
        stripe.answer("/v1/payment_intents/pi_3ds/cancel", 200, canceledIntent("pi_3ds", "abandoned", "null"));

        stripe.gateway().closeCustomerAction(KEY);

        assertThat(cancels()).singleElement().satisfies(sent -> {
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/payment_intents/pi_3ds/cancel");
            assertThat(sent.idempotencyKey()).isEqualTo(KEY + ":cancel");
            assertThat(sent.form()).containsEntry("cancellation_reason", "abandoned");
        });
        // What the caller reads afterwards: the request closed, nothing taken.
        holds(stripe, canceledIntent("pi_3ds", "abandoned",
                "null"));
        assertThat(stripe.gateway().findCharge(KEY)).hasValueSatisfying(result -> {
            assertThat(result.approved()).isFalse();
            assertThat(result.reference()).isEqualTo("pi_3ds");
            assertThat(result.declineCode()).isEqualTo(DeclineCodes.AUTHENTICATION_EXPIRED);
        });
    }

    @Test
    void everyPaymentIntentStillWaitingForTheCustomerIsCanceledAndNoOtherIs() {
        for (String status : List.of("requires_action", "requires_payment_method", "requires_confirmation")) {
            try (CannedStripe one = new CannedStripe()) {
                holds(one, paymentIntent("pi_" + status, status,
                        null));
                one.answer("/v1/payment_intents/pi_" + status + "/cancel", 200, canceledIntent("pi_" + status,
                        "abandoned", "null"));
                one.gateway().closeCustomerAction(KEY);
                assertThat(one.sent()).as(status).extracting(CannedStripe.Sent::path)
                        .containsExactly("/v1/payment_intents/search", "/v1/payment_intents/pi_" + status,
                                "/v1/payment_intents/pi_" + status + "/cancel");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (String status : List.of("succeeded", "processing", "requires_capture", "canceled")) {
            try (CannedStripe one = new CannedStripe()) {
                holds(one, paymentIntent("pi_" + status, status,
                        null));
                one.gateway().closeCustomerAction(KEY);
                assertThat(one.sent()).as(status).extracting(CannedStripe.Sent::path)
                        .containsExactly("/v1/payment_intents/search", "/v1/payment_intents/pi_" + status);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aPaymentIntentTheCustomerApprovedBeforeTheDeadlineIsNotCanceledAndReadsAsApproved() {
        holds(stripe, paymentIntent("pi_ok", "succeeded", null));

        stripe.gateway().closeCustomerAction(KEY);

        assertThat(cancels()).isEmpty();
        assertThat(stripe.gateway().findCharge(KEY)).contains(GatewayResult.approved("pi_ok"));
    }

    @Test
    void anApprovalBetweenTheSearchAndTheCancelIsLeftForTheCallerToRead() {
        holds(stripe, paymentIntent("pi_3ds", "requires_action",
                null));
        stripe.answer("/v1/payment_intents/pi_3ds/cancel", 400, """
                {"error": {"code": "payment_intent_unexpected_state",
                 "doc_url": "https://stripe.com/docs/error-codes/payment-intent-unexpected-state",
                 "message": "You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
                 "payment_intent": {"id": "pi_3ds", "object": "payment_intent", "status": "succeeded"},
                 "type": "invalid_request_error"}}""");

        stripe.gateway().closeCustomerAction(KEY);

        assertThat(cancels()).hasSize(1);
        holds(stripe, paymentIntent("pi_3ds", "succeeded", null));
        assertThat(stripe.gateway().findCharge(KEY)).contains(GatewayResult.approved("pi_3ds"));
    }

    @Test
    void aPaymentIntentStripesSearchDoesNotFindYetIsRetriedNotTakenAsClosed() {
        stripe.answer("/v1/payment_intents/search", 200, searchResult(null));

        assertThatThrownBy(() -> stripe.gateway().closeCustomerAction(KEY))
                .isInstanceOfSatisfying(GatewayUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("payment_intent_not_found"));
        assertThat(cancels()).isEmpty();
    }

    @Test
    void aCancelStripeCannotAnswerIsRetryableAndARejectedOneIsAMisconfiguration() {
        holds(stripe, paymentIntent("pi_3ds", "requires_action",
                null));
        stripe.answer("/v1/payment_intents/pi_3ds/cancel", 500, """
                {"error": {"message": "An unknown error occurred", "type": "api_error"}}""");

        assertThatThrownBy(() -> stripe.gateway().closeCustomerAction(KEY))
                .isInstanceOfSatisfying(GatewayUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_unavailable"));

        stripe.answer("/v1/payment_intents/pi_3ds/cancel", 400, """
                {"error": {"code": "parameter_invalid_empty", "message": "Invalid cancellation_reason",
                 "param": "cancellation_reason", "type": "invalid_request_error"}}""");
        assertThatThrownBy(() -> stripe.gateway().closeCustomerAction(KEY))
                .isInstanceOfSatisfying(GatewayMisconfiguredException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_rejected_request"));
    }

    @Test
    void aCanceledPaymentIntentWhoseCustomerFailedKeepsTheirDeclineAndOneCanceledOtherwiseIsACardDecline() {
        holds(stripe, canceledIntent("pi_x", "abandoned", """
                {"code": "card_declined", "decline_code": "insufficient_funds", "type": "card_error",
                 "message": "Your card has insufficient funds."}"""));
        assertThat(stripe.gateway().findCharge(KEY)).hasValueSatisfying(
                result -> assertThat(result.declineCode()).isEqualTo("insufficient_funds"));

        holds(stripe, canceledIntent("pi_y", "abandoned", """
                {"code": "authentication_required", "decline_code": "authentication_required",
                 "type": "card_error", "message": "Your card was declined. This transaction requires authentication."}"""));
        assertThat(stripe.gateway().findCharge(KEY)).hasValueSatisfying(
                result -> assertThat(result.declineCode()).isEqualTo(DeclineCodes.AUTHENTICATION_EXPIRED));

        holds(stripe, canceledIntent("pi_z", "fraudulent", "null"));
        assertThat(stripe.gateway().findCharge(KEY)).hasValueSatisfying(
                result -> assertThat(result.declineCode()).isEqualTo(StripeOutcomes.FALLBACK_DECLINE));
    }

    @Test
    void theStripeProviderRefusesToStartWithoutAnApiKey() {
        assertThatThrownBy(() -> new StripePaymentGateway(new StripeConfiguration("", "http://x",
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0), new ProviderCustomers(new InMemoryProviderCustomers())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("api-key");
    }

    private static String paymentIntent(String id, String status, String lastPaymentError) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 1299, "currency": "eur", "status": "%s",
                 "last_payment_error": %s, "metadata": {"perennial_key": "%s"}}"""
                .formatted(id, status, lastPaymentError, KEY);
    }

    /** A 402 card error as Stripe sends it for an off-session confirmation, PaymentIntent included. */
    private static String cardError(String code, String declineCode, String message) {
        return """
                {"error": {"charge": "ch_declined", "code": "%s", "decline_code": %s,
                 "doc_url": "https://stripe.com/docs/error-codes/%s", "message": "%s",
                 "payment_intent": {"id": "pi_declined", "object": "payment_intent", "status": "requires_payment_method"},
                 "type": "card_error"}}"""
                .formatted(code, declineCode == null ? "null" : "\"" + declineCode + "\"", code, message);
    }
}
