package io.perennial.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.GatewayMisconfiguredException;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.GatewayUnavailableException;

/**
 * Stripe's answers in the port's terms. A decline is a declined {@link GatewayResult} carrying Stripe's decline code
 * ({@link DeclineCodes} says whether a retry can help); Stripe not answering, answering 5xx or rate-limiting us is a
 * {@link GatewayUnavailableException} (retried with the same key); Stripe refusing <em>us</em> (401, 403, a rejected
 * request, a reused idempotency key) is a {@link GatewayMisconfiguredException}, retried loudly until ops fix it.
 *
 * <p>A PaymentIntent that needs the customer ({@code requires_action}, or an off-session confirmation refused with
 * {@code authentication_required}) is a decline coded {@code authentication_required} for now: the flow in which the
 * customer authenticates and the workflow waits for it is a later part of issue 12.
 */
final class StripeOutcomes {

    static final String FALLBACK_DECLINE = "card_declined";

    private StripeOutcomes() {
    }

    /** A PaymentIntent after confirmation. {@code processing} has no outcome yet: the caller asks again later. */
    static GatewayResult ofPaymentIntent(PaymentIntent intent) {
        String status = intent.getStatus();
        return switch (status == null ? "" : status) {
            case "succeeded" -> GatewayResult.approved(intent.getId());
            case "requires_action" -> authenticationRequired(intent.getId());
            case "requires_payment_method", "canceled" -> declined(intent.getId(), intent.getLastPaymentError());
            case "processing" -> throw new GatewayUnavailableException("payment_processing",
                    "Stripe is still processing PaymentIntent " + intent.getId());
            default -> throw new GatewayMisconfiguredException("gateway_unexpected_state",
                    "PaymentIntent " + intent.getId() + " is " + status + " after an off-session confirmation");
        };
    }

    /** A refund Stripe accepted is paid out (pending ones settle later); a failed or canceled one is refused. */
    static GatewayResult ofRefund(Refund refund) {
        String status = refund.getStatus();
        if ("failed".equals(status) || "canceled".equals(status)) {
            String reason = refund.getFailureReason() == null ? "refund_failed" : refund.getFailureReason();
            return GatewayResult.declined(refund.getId(), reason, "Stripe could not pay the refund out: " + reason + ".");
        }
        return GatewayResult.approved(refund.getId());
    }

    /** A charge Stripe refused: a declined result, or the exception its kind of failure maps to. */
    static GatewayResult ofChargeFailure(StripeException failure) {
        if (failure instanceof CardException card) {
            StripeError error = card.getStripeError();
            String reference = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getId()
                    : card.getCharge();
            return declined(reference, error);
        }
        if (failure instanceof InvalidRequestException invalid && invalid.getParam() != null
                && invalid.getParam().startsWith("payment_method")) {
            // No such PaymentMethod, or one of another customer: the method is unusable, as in the simulated provider.
            return GatewayResult.declined(null, "invalid_payment_method", messageOf(failure));
        }
        throw unavailable(failure);
    }

    /** A refund Stripe refused (already refunded, more than the charge, unknown charge) is a refused refund. */
    static GatewayResult ofRefundFailure(StripeException failure) {
        if (failure instanceof InvalidRequestException && !(failure instanceof IdempotencyException)) {
            String code = failure.getCode() == null ? "refund_refused" : failure.getCode();
            return GatewayResult.declined(null, code, messageOf(failure));
        }
        throw unavailable(failure);
    }

    /** Every failure that is not an answer about the payment itself. */
    static GatewayUnavailableException unavailable(StripeException failure) {
        String message = "Stripe: " + messageOf(failure);
        if (failure instanceof ApiConnectionException) {
            return new GatewayUnavailableException("gateway_timeout", message);
        }
        if (failure instanceof RateLimitException) {
            return new GatewayUnavailableException("gateway_rate_limited", message);
        }
        if (failure instanceof AuthenticationException) {
            // PermissionException (403) is an AuthenticationException too.
            return new GatewayMisconfiguredException("gateway_misconfigured", message);
        }
        if (failure instanceof IdempotencyException) {
            return new GatewayMisconfiguredException("idempotency_conflict", message);
        }
        if (failure instanceof InvalidRequestException) {
            return new GatewayMisconfiguredException("gateway_rejected_request", message);
        }
        if (failure instanceof ApiException) {
            return new GatewayUnavailableException("gateway_unavailable", message);
        }
        return new GatewayMisconfiguredException("gateway_misconfigured", message);
    }

    private static GatewayResult declined(String reference, StripeError error) {
        String code = error == null ? null
                : error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
        if (DeclineCodes.AUTHENTICATION_REQUIRED.equals(code)
                || (error != null && DeclineCodes.AUTHENTICATION_REQUIRED.equals(error.getCode()))) {
            return authenticationRequired(reference);
        }
        String message = error == null || error.getMessage() == null ? "The card was declined." : error.getMessage();
        return GatewayResult.declined(reference, code == null ? FALLBACK_DECLINE : code, message);
    }

    private static GatewayResult authenticationRequired(String reference) {
        return GatewayResult.declined(reference, DeclineCodes.AUTHENTICATION_REQUIRED,
                "The card issuer asks the customer to authenticate this payment.");
    }

    private static String messageOf(StripeException failure) {
        String requestId = failure.getRequestId() == null ? "" : " (request " + failure.getRequestId() + ")";
        StripeError error = failure.getStripeError();
        String message = error != null && error.getMessage() != null ? error.getMessage() : failure.getMessage();
        return message + requestId;
    }
}
