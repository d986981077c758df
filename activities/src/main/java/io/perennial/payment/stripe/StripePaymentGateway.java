package io.perennial.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeSearchResult;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.RefundCreateParams;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.perennial.payment.AttachedPaymentMethod;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayRefund;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.PaymentGateway;
import io.perennial.payment.PaymentMethodRefusedException;
import io.perennial.payment.ProviderCustomers;
import io.perennial.payment.RedirectCharge;
import io.perennial.payment.RedirectSession;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment port on Stripe ({@code perennial.payments.provider=stripe}). A charge is a PaymentIntent confirmed
 * off-session in one call, with Stripe's {@code Idempotency-Key} set to Perennial's own key
 * ({@code {subscriptionId}:{period}:{purpose}}, order keys likewise), so a retried, reset or continued-as-new workflow
 * gets Stripe's first answer back instead of a second charge. The key is also in the PaymentIntent's metadata, which
 * is how {@link #findCharge} finds it when the answer was lost. A refund is a Refund of the PaymentIntent under the
 * refund's own key. Stripe's answers are mapped by {@link StripeOutcomes}. Off-session charges need a Stripe
 * Customer: a charge that names our customer first gets one (created once, its id kept in {@code provider_customers})
 * and the payment method attached to it once ({@code provider_payment_methods}).
 *
 * <p>Stripe keeps an idempotent answer for 24 hours and replays it, 5xx answers included: a charge retried past a
 * replayed 500 is settled through {@link #findCharge} (reconciliation), not by the retries.
 */
@Context // created at startup, so a missing API key stops the process at once, not at the first charge
@Requires(property = "perennial.payments.provider", value = "stripe")
public class StripePaymentGateway implements PaymentGateway {

    /** Metadata keys on Stripe objects: our idempotency key, and the owner (subscription id or order key) in it. */
    static final String KEY = "perennial_key";
    static final String OWNER = "perennial_owner";
    static final String REFUND_KEY = "perennial_refund_key";
    static final String CUSTOMER_ID = "perennial_customer_id";
    static final String PROVIDER = "stripe";

    private final StripeClient stripe;
    private final ProviderCustomers customers;

    public StripePaymentGateway(StripeConfiguration configuration, ProviderCustomers customers) {
        this.customers = customers;
        if (configuration.apiKey() == null || configuration.apiKey().isBlank()) {
            throw new IllegalStateException("perennial.payments.provider=stripe needs perennial.payments.stripe.api-key "
                    + "(STRIPE_API_KEY): a secret key, sk_test_… for test mode");
        }
        this.stripe = StripeClient.builder()
                .setApiKey(configuration.apiKey())
                .setApiBase(configuration.apiBase())
                .setConnectTimeout((int) configuration.connectTimeout().toMillis())
                .setReadTimeout((int) configuration.readTimeout().toMillis())
                .setMaxNetworkRetries(configuration.maxNetworkRetries())
                .build();
    }

    @Override
    public GatewayResult charge(GatewayCharge charge) {
        try {
            return charge(charge, charge.customerId() == null ? null
                    : attached(charge.customerId(), charge.paymentMethod()));
        } catch (AttachFailed e) {
            return StripeOutcomes.ofChargeFailure(e.failure);
        }
    }

    private GatewayResult charge(GatewayCharge charge, AttachedPaymentMethod attached) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amountMinor())
                .setCurrency(charge.currency().toLowerCase(Locale.ROOT))
                .setPaymentMethod(attached == null ? charge.paymentMethod() : attached.paymentMethodReference())
                .setConfirm(true)
                .setOffSession(true)
                // Off-session there is nobody to redirect; methods that need a redirect are declined instead.
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                        .build())
                .putMetadata(KEY, charge.idempotencyKey())
                .putMetadata(OWNER, ownerOf(charge.idempotencyKey()));
        if (attached != null) {
            params.setCustomer(attached.customerReference()).putMetadata(CUSTOMER_ID, charge.customerId().toString());
        }
        try {
            PaymentIntent intent = stripe.v1().paymentIntents().create(params.build(), keyed(charge.idempotencyKey()));
            if ("processing".equals(intent.getStatus())) {
                // A replayed answer is as old as the first call; the PaymentIntent itself may have moved on.
                intent = stripe.v1().paymentIntents().retrieve(intent.getId());
            }
            return StripeOutcomes.ofPaymentIntent(intent);
        } catch (StripeException e) {
            return StripeOutcomes.ofChargeFailure(e);
        }
    }

    /** A PaymentIntent of the one redirect method under our key ({@link StripeRedirects}). */
    @Override
    public RedirectSession startRedirect(RedirectCharge charge) {
        try {
            return StripeRedirects.session(stripe.v1().paymentIntents().create(StripeRedirects.params(charge),
                    keyed(charge.idempotencyKey())), Instant.now());
        } catch (StripeException e) {
            GatewayResult refused = StripeOutcomes.ofChargeFailure(e);
            throw new PaymentMethodRefusedException(refused.declineCode(), refused.message());
        }
    }

    @Override
    public GatewayResult refund(GatewayRefund refund) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setAmount(refund.amountMinor())
                .putMetadata(REFUND_KEY, refund.idempotencyKey());
        if (refund.chargeReference() != null && refund.chargeReference().startsWith("ch_")) {
            params.setCharge(refund.chargeReference());
        } else {
            params.setPaymentIntent(refund.chargeReference());
        }
        try {
            return StripeOutcomes.ofRefund(stripe.v1().refunds().create(params.build(),
                    keyed(refund.idempotencyKey())));
        } catch (StripeException e) {
            return StripeOutcomes.ofRefundFailure(e);
        }
    }

    /**
     * The PaymentIntent whose metadata carries the key, through Stripe's search, read again by its id for its current
     * status. Search is eventually consistent (Stripe: usually under a minute), so it finds charges older than that;
     * reconciliation asks after a grace period. {@code processing} has no answer yet and fails retryably.
     */
    @Override
    public Optional<GatewayResult> findCharge(String idempotencyKey) {
        return intentOf(idempotencyKey).map(StripeOutcomes::ofPaymentIntent);
    }

    /**
     * Cancels the PaymentIntent under our key while it still waits for the customer ({@code requires_action},
     * {@code requires_payment_method}, {@code requires_confirmation}): {@code POST /v1/payment_intents/{id}/cancel},
     * {@code cancellation_reason=abandoned}, Stripe's key {@code {key}:cancel}. A late approval on Stripe's page then
     * takes nothing, and {@link #findCharge} reads it as declined {@code authentication_expired}. One the customer
     * answered first ({@code succeeded}, {@code processing}) or one already canceled is left as it is, also when
     * Stripe refuses the cancel because the customer's answer came between our search and the cancel: the caller reads
     * the outcome with {@link #findCharge}. The PaymentIntent is found by Stripe's search, which lags (about a
     * minute): one not found yet is a retryable {@code payment_intent_not_found}, never a silent success, since a
     * request left open could still take money.
     */
    @Override
    public void closeCustomerAction(String idempotencyKey) {
        PaymentIntent intent = intentOf(idempotencyKey).orElseThrow(() -> new GatewayUnavailableException(
                "payment_intent_not_found", "Stripe's search finds no PaymentIntent under " + idempotencyKey
                + " (yet) to cancel"));
        if (!StripeOutcomes.waitsForCustomer(intent)) {
            return;
        }
        try {
            stripe.v1().paymentIntents().cancel(intent.getId(), PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(),
                    keyed(cancelKey(idempotencyKey)));
        } catch (StripeException e) {
            if (!StripeOutcomes.answeredBeforeTheCancel(e)) {
                throw StripeOutcomes.unavailable(e);
            }
        }
    }

    /** Stripe's idempotency key of the cancel of the PaymentIntent under {@code idempotencyKey}. */
    static String cancelKey(String idempotencyKey) {
        return idempotencyKey + ":cancel";
    }

    /**
     * The PaymentIntent whose metadata carries our key, found through Stripe's search and then read by its id: the
     * search is eventually consistent (a status changed in the last minute may not show), a read by id is not, so a
     * customer's approval just before our deadline is seen. Throws as {@link #findCharge}.
     */
    private Optional<PaymentIntent> intentOf(String idempotencyKey) {
        PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
                .setQuery("metadata['" + KEY + "']:'" + idempotencyKey.replace("'", "\\'") + "'")
                .setLimit(1L)
                .build();
        try {
            StripeSearchResult<PaymentIntent> found = stripe.v1().paymentIntents().search(params);
            if (found.getData() == null || found.getData().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(stripe.v1().paymentIntents().retrieve(found.getData().get(0).getId()));
        } catch (StripeException e) {
            throw StripeOutcomes.unavailable(e);
        }
    }

    /**
     * The Stripe Customer of our customer (created once, under a key of its id) and the method attached to it (once per
     * token, under a key of both): a retry after a crash between Stripe's answer and our insert gets the same objects.
     * A refusal surfaces as {@link AttachFailed}; {@link #charge} turns it into a decline or a retryable failure.
     */
    @Override
    public AttachedPaymentMethod attachPaymentMethod(UUID customerId, String token) {
        try {
            return attached(customerId, token);
        } catch (AttachFailed e) {
            GatewayResult refused = StripeOutcomes.ofChargeFailure(e.failure);
            throw new PaymentMethodRefusedException(refused.declineCode(), refused.message());
        }
    }

    private AttachedPaymentMethod attached(UUID customerId, String token) {
        String customer = customers.customer(PROVIDER, customerId, () -> call(() -> stripe.v1().customers().create(
                CustomerCreateParams.builder().putMetadata(CUSTOMER_ID, customerId.toString()).build(),
                keyed("customer:" + customerId)).getId()));
        String method = customers.paymentMethod(PROVIDER, customerId, token, () -> call(() ->
                stripe.v1().paymentMethods().attach(token, PaymentMethodAttachParams.builder().setCustomer(customer)
                        .build(), keyed("attach:" + customerId + ":" + token)).getId()));
        return new AttachedPaymentMethod(customer, method);
    }

    private static String call(StripeCall call) {
        try {
            return call.get();
        } catch (StripeException e) {
            throw new AttachFailed(e);
        }
    }

    @FunctionalInterface
    private interface StripeCall {
        String get() throws StripeException;
    }

    /** Stripe refused to create the customer or attach the method; carried out of the store's callbacks. */
    static final class AttachFailed extends RuntimeException {
        final transient StripeException failure;

        AttachFailed(StripeException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** The subscription id (or order key) a key starts with: what ops look a PaymentIntent up by in the dashboard. */
    static String ownerOf(String idempotencyKey) {
        int colon = idempotencyKey.indexOf(':');
        return colon < 0 ? idempotencyKey : idempotencyKey.substring(0, colon);
    }
}
