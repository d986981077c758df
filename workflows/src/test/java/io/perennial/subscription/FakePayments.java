package io.perennial.subscription;

import io.perennial.payment.AuthenticationOffer;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.payment.RenewalCharge;
import io.perennial.payment.VoidedInvoice;
import io.perennial.payment.VoidedInvoiceSettlement;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The payment side for workflow tests: declines the attempts it is told to (or every attempt with a declining
 * card), charges each idempotency key at most once, marks invoices paid, refunds at most what was paid.
 */
final class FakePayments implements PaymentActivities {

    /** Stripe's test token of a card declined for good (a hard decline, {@code stolen_card}). */
    static final String STOLEN_CARD = "pm_card_chargeDeclinedStolenCard";
    private final FakeBilling billing;
    private final Set<String> declinedAttempts = ConcurrentHashMap.newKeySet();
    private final List<InvoiceCharge> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, InvoiceCharge> paidByKey = new ConcurrentHashMap<>();
    private final List<InvoiceCharge> paid = new CopyOnWriteArrayList<>();
    private final List<RefundReceipt> refunds = new CopyOnWriteArrayList<>();
    private volatile boolean providerDown;
    private volatile String providerFailureType = PaymentFailures.GATEWAY_UNAVAILABLE;
    private volatile boolean answersLost;
    /** Charges the provider took whose answer never came back, by idempotency key. */
    private final Map<String, InvoiceCharge> takenUnanswered = new ConcurrentHashMap<>();
    private final List<VoidedInvoice> voidedAndAsked = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger providerFailures = new java.util.concurrent.atomic.AtomicInteger();

    private volatile java.util.function.Predicate<InvoiceCharge> chargeTrigger = charge -> false;
    private volatile Runnable chargeAction = () -> { };
    private final java.util.concurrent.atomic.AtomicBoolean chargeFired = new java.util.concurrent.atomic.AtomicBoolean();

    FakePayments(FakeBilling billing) {
        this.billing = billing;
    }

    /** Declines the attempt with this purpose in this period, e.g. {@code decline(2, "dunning-1")}. */
    FakePayments decline(int period, String purpose) {
        declinedAttempts.add(period + ":" + purpose);
        return this;
    }

    /** While down, every charge fails as a provider 5xx would: retryable, and no money moves. */
    FakePayments providerDown(boolean down) {
        return providerDown(down, PaymentFailures.GATEWAY_UNAVAILABLE);
    }

    /** Down with a retryable failure of another type, e.g. {@code gateway_misconfigured} (a rejected API key). */
    FakePayments providerDown(boolean down, String failureType) {
        this.providerFailureType = failureType;
        this.providerDown = down;
        return this;
    }

    /** While on, every charge is taken by the provider but its answer is lost (a timeout): retryable. */
    FakePayments answersLost(boolean lost) {
        this.answersLost = lost;
        return this;
    }

    int providerFailures() {
        return providerFailures.get();
    }

    /** Once, when a charge matches, runs {@code then} on another thread before answering it (a racing client). */
    FakePayments whileCharging(java.util.function.Predicate<InvoiceCharge> when, Runnable then) {
        this.chargeTrigger = when;
        this.chargeAction = then;
        return this;
    }

    @Override
    public io.perennial.payment.CollectedInvoice issueAndCharge(io.perennial.payment.InvoiceToCollect invoice) {
        return IssueThenCharge.collect(billing, this, invoice);
    }

    @Override
    public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
        if (chargeTrigger.test(charge) && chargeFired.compareAndSet(false, true)) {
            Thread racer = new Thread(chargeAction, "racing-client");
            racer.start();
            try {
                racer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (providerDown) {
            providerFailures.incrementAndGet();
            throw ApplicationFailure.newFailure(PaymentFailures.GATEWAY_UNAVAILABLE.equals(providerFailureType)
                    ? "payment provider answered HTTP 503" : "payment provider refused: " + providerFailureType,
                    providerFailureType);
        }
        if (answersLost) {
            providerFailures.incrementAndGet();
            takenUnanswered.putIfAbsent(charge.idempotencyKey(), charge);
            throw ApplicationFailure.newFailure("payment provider did not answer", PaymentFailures.GATEWAY_TIMEOUT);
        }
        InvoiceCharge earlier = paidByKey.get(charge.idempotencyKey());
        if (earlier == null && AUTHENTICATION_REQUIRED.equals(charge.paymentMethod())) {
            return authenticated(charge);
        }
        if (earlier == null) {
            attempts.add(charge);
            if (charge.paymentMethod().equals(STOLEN_CARD)) {
                throw ApplicationFailure.newNonRetryableFailure("card declined", PaymentFailures.PAYMENT_DECLINED,
                        new PaymentDecline("pay-" + charge.idempotencyKey(), "stolen_card", "The card was reported stolen."));
            }
            if (declinedAttempts.contains(charge.period() + ":" + charge.purpose())
                    || charge.paymentMethod().startsWith("pm_card_declined")) {
                throw ApplicationFailure.newNonRetryableFailure("card declined", PaymentFailures.PAYMENT_DECLINED,
                        new PaymentDecline("pay-" + charge.idempotencyKey(), "card_declined", "Your card was declined."));
            }
            paidByKey.put(charge.idempotencyKey(), charge);
            paid.add(charge);
            billing.markPaid(charge.invoiceId());
        }
        return new ChargeReceipt("pay-" + charge.idempotencyKey(), charge.idempotencyKey(), charge.amountMinor(),
                charge.currency(), "sim_" + charge.idempotencyKey(), charge.businessTime());
    }

    /** The test card whose every charge the issuer asks the customer to authenticate. */
    static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";

    enum Authentication { WAITING, APPROVED, FAILED, CLOSED }

    /** Charges the issuer asked the customer to authenticate, by key: what the provider holds for each. */
    private final Map<String, Authentication> authentications = new ConcurrentHashMap<>();

    /** The customer answers at the provider; false when nothing waits under the key (as the simulated ledger). */
    boolean answerAuthentication(String idempotencyKey, boolean approve) {
        return authentications.replace(idempotencyKey, Authentication.WAITING,
                approve ? Authentication.APPROVED : Authentication.FAILED);
    }

    Map<String, Authentication> authentications() {
        return authentications;
    }

    /** As the payment activity answers a charge the issuer asks the customer to authenticate: never charged twice. */
    private ChargeReceipt authenticated(InvoiceCharge charge) {
        String key = charge.idempotencyKey();
        if (authentications.putIfAbsent(key, Authentication.WAITING) == null) {
            attempts.add(charge);
        }
        if (charge.offer() == AuthenticationOffer.EXPIRED) {
            authentications.replace(key, Authentication.WAITING, Authentication.CLOSED);
        }
        Authentication held = authentications.get(key);
        String code = switch (held) {
            case APPROVED -> null;
            case FAILED -> DeclineCodes.AUTHENTICATION_FAILED;
            case CLOSED -> DeclineCodes.AUTHENTICATION_EXPIRED;
            case WAITING -> charge.offer() == AuthenticationOffer.NONE ? DeclineCodes.AUTHENTICATION_FAILED
                    : DeclineCodes.AUTHENTICATION_REQUIRED;
        };
        if (code != null) {
            throw ApplicationFailure.newNonRetryableFailure("authentication: " + code, PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline("pay-" + key, code, "The card was declined."));
        }
        if (paidByKey.putIfAbsent(key, charge) == null) {
            paid.add(charge);
            billing.markPaid(charge.invoiceId());
        }
        return new ChargeReceipt("pay-" + key, key, charge.amountMinor(), charge.currency(), "sim_" + key,
                charge.businessTime());
    }

    @Override
    public RefundReceipt refund(RefundRequest request) {
        long paidForPeriod = paid.stream()
                .filter(charge -> charge.subscriptionId().equals(request.subscriptionId())
                        && charge.period() == request.period())
                .mapToLong(InvoiceCharge::amountMinor).sum();
        // The ledger decides how much: the period's refunds, pause and plan-change credit all count.
        long amount = billing.refund(request.refundKey(), request.subscriptionId(), request.period(),
                request.amountMinor(), paidForPeriod);
        RefundReceipt receipt = new RefundReceipt("refund-" + request.refundKey(), request.refundKey(), amount,
                request.currency(), "sim_refund");
        if (refunds.stream().noneMatch(done -> done.refundKey().equals(request.refundKey()))) {
            refunds.add(receipt);
        }
        return receipt;
    }

    /** The provider is asked about the voided invoice's charges; what it took without answering is given back. */
    @Override
    public VoidedInvoiceSettlement settleVoidedInvoice(VoidedInvoice invoice) {
        voidedAndAsked.add(invoice);
        // A request to authenticate is closed once nothing collects its invoice.
        attempts.stream().filter(charge -> charge.invoiceId().equals(invoice.invoiceId()))
                .forEach(charge -> authentications.replace(charge.idempotencyKey(), Authentication.WAITING,
                        Authentication.CLOSED));
        List<InvoiceCharge> taken = takenUnanswered.values().stream()
                .filter(charge -> charge.invoiceId().equals(invoice.invoiceId())).toList();
        long refunded = 0;
        for (InvoiceCharge charge : taken) {
            String refundKey = charge.idempotencyKey() + ":void-refund";
            if (refunds.stream().noneMatch(done -> done.refundKey().equals(refundKey))) {
                refunds.add(new RefundReceipt("refund-" + refundKey, refundKey, charge.amountMinor(),
                        charge.currency(), "sim_refund"));
            }
            refunded += charge.amountMinor();
        }
        return new VoidedInvoiceSettlement(taken.size(), refunded, 0);
    }

    List<VoidedInvoice> voidedAndAsked() {
        return voidedAndAsked;
    }

    Map<String, InvoiceCharge> takenUnanswered() {
        return takenUnanswered;
    }

    @Override
    public ChargeReceipt chargeRenewal(RenewalCharge charge) {
        throw new UnsupportedOperationException("only subscriptions of the skeleton engine charge renewals");
    }

    List<InvoiceCharge> attempts() {
        return attempts;
    }

    List<InvoiceCharge> paid() {
        return paid;
    }

    List<RefundReceipt> refunds() {
        return refunds;
    }
}
