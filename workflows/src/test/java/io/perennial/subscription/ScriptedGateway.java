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
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A payment provider for the money property test that behaves like one: it captures each idempotency key at most
 * once (a repeated key answers with the first receipt), refunds at most what a period captured, and answers each
 * charge as its subscription's {@link Script} says: approve, decline (soft, or hard: a card that cannot be
 * charged again), a few 5xx before approving, an outage that
 * outlasts the gateway retry window, or a capture whose answer is lost (the worker died mid-activity), so the
 * attempt is retried under the same key. Before answering it lets the script send concurrent changes to the
 * workflow, so a pause or cancel arrives while the charge is in flight.
 */
final class ScriptedGateway implements PaymentActivities {

    enum Verdict { APPROVE, DECLINE, HARD_DECLINE, FLAKY_THEN_APPROVE, LOST_ANSWER, OUTAGE }
    // A charge with the authenticating card is answered by the customer, not by a verdict: see authenticate().

    /** A card declined for good ({@code stolen_card}): every charge of it is a hard decline. */
    static final String STOLEN_CARD = "pm_card_chargeDeclinedStolenCard";

    /** What one subscription's charges answer, in order of arrival, and what races them. */
    interface Script {
        /** The verdict for a new charge attempt (not called again for retries of the same attempt). */
        Verdict nextVerdict(InvoiceCharge charge);

        /** Runs while the charge is in flight, before it is answered: may send changes to the workflow. */
        void whileInFlight(InvoiceCharge charge);
    }

    /** A successful capture at the provider. */
    record Capture(String idempotencyKey, String invoiceId, String subscriptionId, int period, String purpose,
                   long amountMinor) {
    }

    private final LongSupplier clockMillis;
    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final Map<String, Capture> capturesByKey = new LinkedHashMap<>();
    private final List<Capture> captures = new ArrayList<>();
    private final Map<String, RefundReceipt> refundsByKey = new LinkedHashMap<>();
    private final Map<String, RefundRequest> refundRequests = new LinkedHashMap<>();
    /** The verdict of each attempt in flight, by idempotency key, so retries keep to it. */
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private final Map<String, Long> outageUntil = new LinkedHashMap<>();
    private final FakeBilling billing;
    private final AtomicInteger busy = new AtomicInteger();

    ScriptedGateway(FakeBilling billing, LongSupplier clockMillis) {
        this.billing = billing;
        this.clockMillis = clockMillis;
    }

    synchronized void script(String subscriptionId, Script script) {
        scripts.put(subscriptionId, script);
    }

    @Override
    public io.perennial.payment.CollectedInvoice issueAndCharge(io.perennial.payment.InvoiceToCollect invoice) {
        return IssueThenCharge.collect(billing, this, invoice);
    }

    @Override
    public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
        busy.incrementAndGet();
        try {
            return answer(charge);
        } finally {
            busy.decrementAndGet();
        }
    }

    private ChargeReceipt answer(InvoiceCharge charge) {
        String key = charge.idempotencyKey();
        Script script;
        Verdict verdict;
        boolean firstAttempt;
        boolean authenticating;
        synchronized (this) {
            Capture earlier = capturesByKey.get(key);
            if (earlier != null) {
                return receipt(charge);
            }
            String waiting = waitingKey(charge.subscriptionId());
            if (waiting != null && !waiting.equals(key)) {
                chargedWhileWaiting.add(key + " was charged while " + waiting + " waited for the customer");
            }
            script = scripts.get(charge.subscriptionId());
            authenticating = AUTHENTICATING_CARD.equals(charge.paymentMethod()) || authentications.containsKey(key);
            if (authenticating) {
                firstAttempt = authentications.putIfAbsent(key, Authentication.WAITING) == null;
                authenticationCharges.putIfAbsent(key, charge);
            } else {
                firstAttempt = false;
            }
        }
        if (authenticating) {
            if (firstAttempt) {
                script.whileInFlight(charge);
            }
            return authenticate(charge);
        }
        synchronized (this) {
            firstAttempt = !verdicts.containsKey(key);
            if (firstAttempt) {
                verdicts.put(key, charge.paymentMethod().startsWith("pm_card_declined") ? Verdict.DECLINE
                        : charge.paymentMethod().equals(STOLEN_CARD) ? Verdict.HARD_DECLINE : script.nextVerdict(charge));
            }
            verdict = verdicts.get(key);
        }
        if (firstAttempt) {
            script.whileInFlight(charge);
        }
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        switch (verdict) {
            case DECLINE, HARD_DECLINE -> {
                synchronized (this) {
                    verdicts.remove(key);
                }
                String code = verdict == Verdict.HARD_DECLINE ? "stolen_card" : "card_declined";
                throw ApplicationFailure.newNonRetryableFailure("card declined", PaymentFailures.PAYMENT_DECLINED,
                        new PaymentDecline("pay-" + key, code, "Your card was declined."));
            }
            case FLAKY_THEN_APPROVE -> {
                if (attempt <= 2) {
                    throw ApplicationFailure.newFailure("payment provider answered HTTP 502",
                            PaymentFailures.GATEWAY_UNAVAILABLE);
                }
            }
            case OUTAGE -> {
                long until;
                synchronized (this) {
                    // Down for 40 minutes of business time from the first attempt: longer than the retry window.
                    until = outageUntil.computeIfAbsent(key, k -> clockMillis.getAsLong() + 40 * 60_000L);
                }
                if (clockMillis.getAsLong() < until) {
                    throw ApplicationFailure.newFailure("payment provider answered HTTP 503",
                            PaymentFailures.GATEWAY_UNAVAILABLE);
                }
            }
            case LOST_ANSWER -> {
                capture(charge);
                throw ApplicationFailure.newFailure("worker lost the provider's answer (simulated crash)",
                        PaymentFailures.GATEWAY_TIMEOUT);
            }
            case APPROVE -> {
            }
        }
        capture(charge);
        return receipt(charge);
    }

    /** The test card whose every charge the issuer asks the customer to authenticate. */
    static final String AUTHENTICATING_CARD = "pm_card_authenticationRequired";

    /** What the provider holds for a charge it asked the customer to authenticate. */
    enum Authentication { WAITING, APPROVED, FAILED, CLOSED }

    private final Map<String, Authentication> authentications = new LinkedHashMap<>();
    private final Map<String, InvoiceCharge> authenticationCharges = new LinkedHashMap<>();
    /** Approved charges whose invoice was voided before the workflow settled them: given back in full. */
    private final List<String> givenBack = new ArrayList<>();
    private final List<String> chargedWhileWaiting = new ArrayList<>();

    /** As the payment activity answers such a charge: by what the customer did, never charged under another key. */
    private ChargeReceipt authenticate(InvoiceCharge charge) {
        String key = charge.idempotencyKey();
        String code;
        synchronized (this) {
            if (charge.offer() != AuthenticationOffer.OFFERED) {
                // Deadline passed, or a charge that cannot wait for the customer (a plan change): closed now.
                authentications.replace(key, Authentication.WAITING, Authentication.CLOSED);
            }
            code = switch (authentications.get(key)) {
                case APPROVED -> null;
                case FAILED -> DeclineCodes.AUTHENTICATION_FAILED;
                case CLOSED -> charge.offer() == AuthenticationOffer.NONE ? DeclineCodes.AUTHENTICATION_REQUIRED
                        : DeclineCodes.AUTHENTICATION_EXPIRED;
                case WAITING -> DeclineCodes.AUTHENTICATION_REQUIRED;
            };
        }
        if (code != null) {
            throw ApplicationFailure.newNonRetryableFailure("authentication: " + code, PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline("pay-" + key, code, "The card was declined."));
        }
        capture(charge);
        return receipt(charge);
    }

    /** The customer answers the subscription's charge waiting for them, if any: its key, or null. */
    synchronized String answerCustomer(String subscriptionId, boolean approve) {
        String key = waitingKey(subscriptionId);
        if (key != null) {
            authentications.put(key, approve ? Authentication.APPROVED : Authentication.FAILED);
        }
        return key;
    }

    private String waitingKey(String subscriptionId) {
        return authentications.entrySet().stream()
                .filter(entry -> entry.getValue() == Authentication.WAITING
                        && authenticationCharges.get(entry.getKey()).subscriptionId().equals(subscriptionId))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    synchronized boolean waitsForCustomer(String subscriptionId) {
        return waitingKey(subscriptionId) != null;
    }

    /** Charges made under another key while one of the subscription's charges waited for the customer. */
    synchronized List<String> chargedWhileWaiting(String subscriptionId) {
        return chargedWhileWaiting.stream().filter(line -> line.startsWith(subscriptionId + ":")).toList();
    }

    /** Charges the customer approved (so the provider took the money) that were neither captured nor given back. */
    synchronized List<String> approvedAndUnsettled(String subscriptionId) {
        return authentications.entrySet().stream()
                .filter(entry -> entry.getValue() == Authentication.APPROVED && entry.getKey().startsWith(subscriptionId + ":")
                        && !capturesByKey.containsKey(entry.getKey()) && !givenBack.contains(entry.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    private synchronized void capture(InvoiceCharge charge) {
        String key = charge.idempotencyKey();
        if (capturesByKey.containsKey(key)) {
            return;
        }
        Capture capture = new Capture(key, charge.invoiceId(), charge.subscriptionId(), charge.period(),
                charge.purpose(), charge.amountMinor());
        capturesByKey.put(key, capture);
        captures.add(capture);
        verdicts.remove(key);
        billing.markPaid(charge.invoiceId());
    }

    private static ChargeReceipt receipt(InvoiceCharge charge) {
        return new ChargeReceipt("pay-" + charge.idempotencyKey(), charge.idempotencyKey(), charge.amountMinor(),
                charge.currency(), "sim_" + charge.idempotencyKey(), charge.businessTime());
    }

    @Override
    public synchronized RefundReceipt refund(RefundRequest request) {
        RefundReceipt earlier = refundsByKey.get(request.refundKey());
        if (earlier != null) {
            return earlier;
        }
        long captured = captures.stream()
                .filter(c -> c.subscriptionId().equals(request.subscriptionId()) && c.period() == request.period())
                .mapToLong(Capture::amountMinor).sum();
        long refunded = refundsByKey.values().stream()
                .filter(r -> refundRequests.get(r.refundKey()).subscriptionId().equals(request.subscriptionId())
                        && refundRequests.get(r.refundKey()).period() == request.period())
                .mapToLong(RefundReceipt::amountMinor).sum();
        long amount = billing.refund(request.refundKey(), request.subscriptionId(), request.period(),
                request.amountMinor(), captured - refunded);
        RefundReceipt receipt = new RefundReceipt("refund-" + request.refundKey(), request.refundKey(), amount,
                request.currency(), "sim_refund");
        refundsByKey.put(request.refundKey(), receipt);
        refundRequests.put(request.refundKey(), request);
        return receipt;
    }

    /** A lost answer here still marks the invoice paid, so a voided invoice never has a capture to give back. */
    @Override
    public synchronized VoidedInvoiceSettlement settleVoidedInvoice(VoidedInvoice invoice) {
        int taken = 0;
        long refunded = 0;
        for (Map.Entry<String, InvoiceCharge> waited : authenticationCharges.entrySet()) {
            String key = waited.getKey();
            if (!waited.getValue().invoiceId().equals(invoice.invoiceId())) {
                continue;
            }
            authentications.replace(key, Authentication.WAITING, Authentication.CLOSED);
            if (authentications.get(key) == Authentication.APPROVED && !capturesByKey.containsKey(key)
                    && !givenBack.contains(key)) {
                givenBack.add(key);
                taken++;
                refunded += waited.getValue().amountMinor();
            }
        }
        return new VoidedInvoiceSettlement(taken, refunded, 0);
    }

    @Override
    public ChargeReceipt chargeRenewal(RenewalCharge charge) {
        throw new UnsupportedOperationException("only subscriptions of the skeleton engine charge renewals");
    }

    synchronized List<Capture> captures(String subscriptionId) {
        return captures.stream().filter(c -> c.subscriptionId().equals(subscriptionId)).toList();
    }

    /** Refunds given for a subscription, with the period each was for. */
    synchronized Map<RefundRequest, Long> refunds(String subscriptionId) {
        Map<RefundRequest, Long> given = new LinkedHashMap<>();
        refundRequests.forEach((key, request) -> {
            if (request.subscriptionId().equals(subscriptionId)) {
                given.put(request, refundsByKey.get(key).amountMinor());
            }
        });
        return given;
    }

    /** Charge attempts executing right now. */
    int busy() {
        return busy.get();
    }
}
