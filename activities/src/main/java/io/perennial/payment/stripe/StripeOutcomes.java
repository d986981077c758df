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
 * {@code authentication_required}) is a decline coded {@code authentication_required}: the payment waits for the
 * customer (see "Customer actions" in docs/billing.md); one we canceled at the deadline is
 * {@code authentication_expired}.
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
            case "requires_payment_method" -> declined(intent.getId(), intent.getLastPaymentError());
            case "canceled" -> canceled(intent);
            case "processing" -> throw new GatewayUnavailableException("payment_processing",
                    "Stripe is still processing PaymentIntent " + intent.getId());
            default -> throw new GatewayMisconfiguredException("gateway_unexpected_state",
                    "PaymentIntent " + intent.getId() + " is " + status + " after an off-session confirmation");
        };
    }

    /**
     * A canceled PaymentIntent: one we canceled because its customer did not authenticate in time
     * ({@code cancellation_reason=abandoned}, {@link StripePaymentGateway#closeCustomerAction}) is declined
     * {@code authentication_expired}, unless the customer's last try failed with a decline of its own.
     */
    private static GatewayResult canceled(PaymentIntent intent) {
        StripeError error = intent.getLastPaymentError();
        boolean ownDecline = error != null && !DeclineCodes.AUTHENTICATION_REQUIRED.equals(error.getCode())
                && !DeclineCodes.AUTHENTICATION_REQUIRED.equals(error.getDeclineCode());
        if ("abandoned".equals(intent.getCancellationReason()) && !ownDecline) {
            return GatewayResult.declined(intent.getId(), DeclineCodes.AUTHENTICATION_EXPIRED,
                    "The customer did not authenticate the payment in time.");
        }
        return declined(intent.getId(), error);
    }

    /**
     * Whether a PaymentIntent still waits for the customer, so that closing the request means canceling it: it has
     * taken nothing and could still take money if the customer acted. {@code succeeded} and {@code processing} (the
     * customer answered), {@code requires_capture} and {@code canceled} are never canceled.
     */
    static boolean waitsForCustomer(PaymentIntent intent) {
        String status = intent.getStatus();
        return "requires_action".equals(status) || "requires_payment_method".equals(status)
                || "requires_confirmation".equals(status);
    }

    /**
     * Stripe refused the cancel because the PaymentIntent is no longer cancelable (400
     * {@code payment_intent_unexpected_state}): the customer's answer (or another cancel) came first.
     */
    static boolean answeredBeforeTheCancel(StripeException failure) {
        return failure instanceof InvalidRequestException && !(failure instanceof IdempotencyException)
                && "payment_intent_unexpected_state".equals(failure.getCode());
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
