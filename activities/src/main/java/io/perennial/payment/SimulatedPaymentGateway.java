package io.perennial.payment;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A payment provider that behaves like a real one: it keeps its own ledger ({@link SimulatedGatewayLedger}),
 * honours idempotency keys, declines the test payment methods that mean "decline", refuses to refund more than
 * a charge took, takes time to answer, sometimes fails with a 503 or a timeout, and goes down entirely when an
 * operator declares an outage ({@link GatewayOutage}).
 *
 * <p>Test payment methods, in the style of the big providers: {@code pm_card_visa} and {@code pm_card_mastercard}
 * succeed; {@code pm_card_declined}, {@code pm_card_insufficient_funds} and {@code pm_card_expired} are declined;
 * anything else is declined as {@code invalid_payment_method}.
 */
@Singleton
public class SimulatedPaymentGateway implements PaymentGateway {

    private static final Map<String, String> DECLINES = Map.of(
            "pm_card_declined", "card_declined",
            "pm_card_insufficient_funds", "insufficient_funds",
            "pm_card_expired", "expired_card");
    private static final Set<String> APPROVED = Set.of("pm_card_visa", "pm_card_mastercard");

    private final SimulatedGatewayLedger ledger;
    private final SimulatedGatewayConfiguration configuration;
    private final GatewayOutage outage;

    public SimulatedPaymentGateway(SimulatedGatewayLedger ledger, SimulatedGatewayConfiguration configuration,
                                   GatewayOutage outage) {
        this.ledger = ledger;
        this.configuration = configuration;
        this.outage = outage;
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
    public GatewayResult refund(GatewayRefund refund) {
        callProvider();
        return ledger.recordRefundOnce(refund);
    }

    @Override
    public Optional<GatewayResult> findCharge(String idempotencyKey) {
        callProvider();
        return ledger.findCharge(idempotencyKey);
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
