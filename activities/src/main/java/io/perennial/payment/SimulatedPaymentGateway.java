package io.perennial.payment;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A payment provider that behaves like a real one: it keeps its own ledger ({@link SimulatedGatewayLedger}),
 * honours idempotency keys, declines the test payment methods that mean "decline", refuses to refund more than
 * a charge took, takes time to answer, sometimes fails with a 503 or a timeout, and goes down entirely when an
 * operator declares an outage ({@link GatewayOutage}).
 *
 * <p>Test payment methods: Stripe's documented test tokens answer as Stripe's test mode does, so one demo works
 * with either provider: {@code pm_card_visa} and {@code pm_card_mastercard} succeed; {@code pm_card_chargeDeclined}
 * is declined {@code generic_decline}, {@code pm_card_chargeDeclinedInsufficientFunds} {@code insufficient_funds},
 * {@code pm_card_chargeDeclinedStolenCard} {@code stolen_card} (a hard decline) and
 * {@code pm_card_authenticationRequired} {@code authentication_required}: the charge waits for the customer, who
 * approves or fails it on the simulated authentication page ({@link AuthenticationPageRepository}). The older tokens still work: {@code pm_card_declined},
 * {@code pm_card_insufficient_funds} and {@code pm_card_expired} are declined; anything else is declined as
 * {@code invalid_payment_method}. Alipay and WeChat Pay are redirect sessions on the provider's page
 * ({@link SimulatedRedirects}).
 */
@Singleton
@Requires(property = "perennial.payments.provider", value = "simulated", defaultValue = "simulated")
public class SimulatedPaymentGateway implements PaymentGateway {

    private static final Map<String, String> DECLINES = Map.of(
            "pm_card_declined", "card_declined",
            "pm_card_insufficient_funds", "insufficient_funds",
            "pm_card_expired", "expired_card",
            "pm_card_chargeDeclined", "generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds",
            "pm_card_chargeDeclinedStolenCard", "stolen_card",
            "pm_card_authenticationRequired", DeclineCodes.AUTHENTICATION_REQUIRED);
    static final String PROVIDER = "simulated";
    private static final Set<String> APPROVED = Set.of("pm_card_visa", "pm_card_mastercard");

    private final SimulatedGatewayLedger ledger;
    private final SimulatedGatewayConfiguration configuration;
    private final GatewayOutage outage;
    private final ProviderCustomers customers;
    private final SimulatedRedirects redirects;

    public SimulatedPaymentGateway(SimulatedGatewayLedger ledger, SimulatedGatewayConfiguration configuration,
                                   GatewayOutage outage, ProviderCustomers customers, SimulatedRedirects redirects) {
        this.ledger = ledger;
        this.configuration = configuration;
        this.outage = outage;
        this.customers = customers;
        this.redirects = redirects;
    }

    @Override
    public GatewayResult charge(GatewayCharge charge) {
        callProvider();
        GatewayResult booked = ledger.recordOnce(charge, declineCodeFor(charge.paymentMethod()));
        if (outage.state().mode() == GatewayOutage.Mode.LOST_ANSWERS) {
            // Booked, and the answer lost on the way back (no wait: the drill would otherwise take minutes).
            throw new GatewayUnavailableException("gateway_timeout", "payment provider's answer was lost (outage)");
        }
        return booked;
    }

    @Override
    public void closeCustomerAction(String idempotencyKey) {
        callProvider();
        ledger.closeAuthentication(idempotencyKey);
    }

    @Override
    public GatewayResult refund(GatewayRefund refund) {
        callProvider();
        redirects.bookIfApproved(refund.chargeReference());
        return ledger.recordRefundOnce(refund);
    }

    @Override
    public Optional<GatewayResult> findCharge(String idempotencyKey) {
        callProvider();
        redirects.bookIfApprovedByKey(idempotencyKey);
        return ledger.findCharge(idempotencyKey);
    }

    /** A session on the simulated provider's page ({@link SimulatedRedirects}); the same key, the same session. */
    @Override
    public RedirectSession startRedirect(RedirectCharge charge) {
        callProvider();
        return redirects.open(charge);
    }

    /**
     * Gives the customer a customer object of the simulated provider ({@code cus_sim_…}, kept in
     * {@code provider_customers}); the token needs no attaching, so it stays what the ledger charges.
     */
    @Override
    public AttachedPaymentMethod attachPaymentMethod(UUID customerId, String token) {
        callProvider();
        String customer = customers.customer(PROVIDER, customerId,
                () -> "cus_sim_" + UUID.randomUUID().toString().replace("-", ""));
        return new AttachedPaymentMethod(customer, customers.paymentMethod(PROVIDER, customerId, token, () -> token));
    }

    /**
     * The network and the provider's bad days: latency, sometimes a 503 or a timeout before the ledger, and the
     * outages an operator switches on ({@link GatewayOutage}).
     */
    private void callProvider() {
        sleep(configuration.latency());
        switch (outage.state().mode()) {
            case ERRORS -> throw new GatewayUnavailableException("gateway_unavailable",
                    "payment provider answered HTTP 503 (outage)");
            case TIMEOUTS -> {
                sleep(configuration.timeout());
                throw new GatewayUnavailableException("gateway_timeout", "payment provider did not answer (outage)");
            }
            case NONE, LOST_ANSWERS -> {
            }
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < configuration.transientFailureRate() / 2) {
            throw new GatewayUnavailableException("gateway_unavailable", "payment provider answered HTTP 503");
        }
        if (roll < configuration.transientFailureRate()) {
            sleep(configuration.timeout());
            throw new GatewayUnavailableException("gateway_timeout", "payment provider did not answer in time");
        }
    }

    /** The decline code the simulated issuer answers for a payment method, or null when it approves. */
    static String declineCodeFor(String paymentMethod) {
        if (APPROVED.contains(paymentMethod)) {
            return null;
        }
        return DECLINES.getOrDefault(paymentMethod, "invalid_payment_method");
    }

    static String describe(String declineCode) {
        return switch (declineCode) {
            case "insufficient_funds" -> "The card has insufficient funds.";
            case "expired_card" -> "The card has expired.";
            case "invalid_payment_method" -> "The payment method is not known.";
            case "stolen_card" -> "The card was reported stolen.";
            case "authentication_required" -> "The card issuer asks the customer to authenticate this payment.";
            case "authentication_failed" -> "The customer did not pass the card issuer's authentication.";
            case "authentication_expired" -> "The customer did not authenticate the payment in time.";
            default -> "The card was declined.";
        };
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("gateway_timeout", "interrupted while waiting for the provider");
        }
    }
}
