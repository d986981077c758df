package io.perennial.subscription;

import io.perennial.payment.ChargeReceipt;
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
        synchronized (this) {
            Capture earlier = capturesByKey.get(key);
            if (earlier != null) {
                return receipt(charge);
            }
            script = scripts.get(charge.subscriptionId());
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
    public VoidedInvoiceSettlement settleVoidedInvoice(VoidedInvoice invoice) {
        return new VoidedInvoiceSettlement(0, 0, 0);
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
