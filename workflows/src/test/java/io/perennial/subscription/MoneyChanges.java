package io.perennial.subscription;

import io.perennial.ops.PeriodRefundWorkflow;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Sends one move of a {@link MoneySequence} to its workflow, as the API, ops or a provider would send it. */
final class MoneyChanges {

    private final MoneySequence sequence;

    MoneyChanges(MoneySequence sequence) {
        this.sequence = sequence;
    }

    /** Sends the change; an accepted Update's handle, or null for a signal, a refusal or a closed workflow. */
    WorkflowUpdateHandle<?> dispatch(ChangeScript change, String during) {
        List<String> log = sequence.log;
        log.add(change + (during == null ? "" : " during " + during));
        if (Boolean.getBoolean("perennial.money.trace")) {
            System.out.println(sequence.seed + ": " + log.get(log.size() - 1));
        }
        SubscriptionState last = sequence.last;
        WorkflowStub stub = sequence.stub;
        try {
            return switch (change) {
                case PAUSE_NOW -> update("pause", new PauseRequest(PauseTiming.IMMEDIATELY, null));
                case PAUSE_AT_PERIOD_END -> update("pause", new PauseRequest(PauseTiming.AT_PERIOD_END, null));
                case RESUME -> update("resume");
                case CANCEL_AT_PERIOD_END -> update("cancelSubscription",
                        new CancelRequest(CancelTiming.AT_PERIOD_END, "customer_request", false));
                case CANCEL_NOW -> update("cancelSubscription",
                        new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request", false));
                case CANCEL_NOW_WITH_REFUND -> update("cancelSubscription",
                        new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request", true));
                case UNCANCEL -> update("uncancel");
                case UPGRADE -> update("changePlan", new PlanChangeRequest(sequence.terms(ChangeScript.PREMIUM)));
                case DOWNGRADE -> update("changePlan", new PlanChangeRequest(sequence.terms(ChangeScript.BASIC)));
                case CHANGE_INTERVAL -> update("changePlan", new PlanChangeRequest(sequence.terms(
                        last != null && ChangeScript.YEARLY.planId().equals(last.planId())
                                ? ChangeScript.BASIC : ChangeScript.YEARLY)));
                case COUPON -> update("applyCoupon", new CouponApplication(
                        ChangeScript.COUPONS.get(Math.floorMod((int) sequence.seed + log.size(), 3)).code()));
                case DECLINING_CARD -> signal("updatePaymentMethod",
                        new PaymentMethodUpdate("pm_card_declined_insufficient"));
                case STOLEN_CARD -> signal("updatePaymentMethod", new PaymentMethodUpdate(ScriptedGateway.STOLEN_CARD));
                case GOOD_CARD -> signal("updatePaymentMethod", new PaymentMethodUpdate("pm_card_visa"));
                case AUTHENTICATING_CARD -> signal("updatePaymentMethod",
                        new PaymentMethodUpdate(ScriptedGateway.AUTHENTICATING_CARD));
                case CUSTOMER_APPROVES, CUSTOMER_FAILS -> {
                    String key = sequence.world.gateway.answerCustomer(sequence.subscriptionId,
                            change == ChangeScript.CUSTOMER_APPROVES);
                    if (key == null) {
                        log.add("  nothing waits for the customer");
                    } else {
                        log.add("  answered " + key);
                        stub.signal(SubscriptionWorkflow.CUSTOMER_ACTION_ANSWERED, new CustomerActionAnswer(key));
                    }
                    yield null;
                }
                case OPS_RETRY -> signal("retryPayment", new PaymentRetryRequest("ops", "property test"));
                case OPS_REFUND -> {
                    CompletableFuture<RefundReceipt> given = opsRefund();
                    if (during == null) {
                        sequence.await(given, change.name());
                    } else {
                        sequence.opsRefunds.add(given);
                    }
                    yield null;
                }
                case BANK_TRANSFER -> {
                    bankTransfer();
                    yield null;
                }
                case REDIRECT_PAYMENT -> {
                    redirectPayment();
                    yield null;
                }
                case SEATS_UP -> items(ItemChange.quantity(seats() + 1 + pick(3), false));
                case SEATS_DOWN -> items(ItemChange.quantity(Math.max(1, seats() - 1 - pick(2)), false));
                case SEATS_DOWN_NOW -> items(ItemChange.quantity(Math.max(1, seats() - 1), true));
                case ADD_ON -> items(ItemChange.addOn(new AddOnChange(ChangeScript.SUPPORT.code(), 1 + pick(2),
                        ChangeScript.SUPPORT), false));
                case REMOVE_ADD_ON_NOW -> items(ItemChange.addOn(new AddOnChange(ChangeScript.SUPPORT.code(), 0, null),
                        true));
                case SKIP_BOX -> nextBox(NextBoxChange.skip(nextBoxPeriod(), "property test"));
                case DELAY_BOX -> nextBox(NextBoxChange.delay(nextBoxPeriod(), delayedStart(), "property test"));
                case ADVANCE, RETRY_CREATE -> throw new IllegalArgumentException(change + " is not sent to the workflow");
            };
        } catch (WorkflowUpdateException refused) {
            sequence.expectRefusal(change, refused);
            return null;
        } catch (RuntimeException closed) {
            // A change sent to a subscription that has just ended (its workflow closed) is not an error here.
            log.add("  not delivered: " + closed.getClass().getSimpleName());
            return null;
        }
    }

    private void bankTransfer() {
        paySent(sequence.transfers, this::pay, "recorded twice");
    }

    private void redirectPayment() {
        paySent(sequence.redirects, this::confirm, "delivered twice");
    }

    /**
     * Pays one of the subscription's sent invoices as {@code payment} does, drawing from {@code draws}: mostly the
     * latest invoice, now and then an older one (paid or closed already), and three times in ten a second delivery.
     */
    private void paySent(Random draws, BiConsumer<String, String> payment, String secondDelivery) {
        List<String> sent = sequence.world.sentInvoices.sentOf(sequence.subscriptionId + ":");
        if (sent.isEmpty()) {
            sequence.log.add("  no invoice sent yet");
            return;
        }
        String invoiceId;
        boolean twice;
        synchronized (draws) {
            invoiceId = sent.get(draws.nextInt(4) == 0 ? draws.nextInt(sent.size()) : sent.size() - 1);
            twice = draws.nextInt(100) < 30;
        }
        payment.accept(invoiceId, null);
        if (twice) {
            payment.accept(invoiceId, secondDelivery);
        }
    }

    /**
     * The provider's confirmation of a redirect payment of the invoice: it pays it if still open (the workflow is
     * then told, as RedirectPayments tells it), and is refunded otherwise.
     */
    private void confirm(String invoiceId, String when) {
        String effect = sequence.world.sentInvoices.redirectConfirmed(invoiceId);
        sequence.log.add("  redirect payment for " + invoiceId + (when == null ? "" : " " + when) + ": " + effect);
        if (!"PAID".equals(effect)) {
            return;
        }
        try {
            sequence.stub.signal(SubscriptionWorkflow.INVOICE_PAID, new InvoicePaymentNotice(invoiceId));
        } catch (RuntimeException closed) {
            sequence.log.add("  not delivered: " + closed.getClass().getSimpleName());
        }
    }

    /** A bank transfer for the invoice: it pays it if still open, and the workflow is told either way. */
    void pay(String invoiceId, String when) {
        boolean paid = sequence.world.sentInvoices.transferArrives(invoiceId);
        sequence.log.add("  transfer for " + invoiceId + (when == null ? "" : " " + when)
                + (paid ? ": paid it" : ": not open"));
        try {
            sequence.stub.signal(SubscriptionWorkflow.INVOICE_PAID, new InvoicePaymentNotice(invoiceId));
        } catch (RuntimeException closed) {
            sequence.log.add("  not delivered: " + closed.getClass().getSimpleName());
        }
    }

    /**
     * Ops give back the whole current period (asking more than any plan costs), in their own workflow as the
     * API starts it, racing whatever the subscription's workflow does meanwhile.
     */
    private CompletableFuture<RefundReceipt> opsRefund() {
        SubscriptionState last = sequence.last;
        int period = last == null || last.currentPeriod() == null ? 1 : last.currentPeriod().number();
        String refundKey = sequence.subscriptionId + ":ops:" + sequence.log.size();
        MoneyWorld world = sequence.world;
        PeriodRefundWorkflow refund = world.env.getWorkflowClient().newWorkflowStub(PeriodRefundWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.refund(refundKey))
                        .setTaskQueue(world.worker.getTaskQueue()).build());
        WorkflowClient.start(refund::refund, new RefundRequest(refundKey, sequence.subscriptionId, period, 1_000_000,
                "EUR", "ops_goodwill", Instant.ofEpochMilli(world.env.currentTimeMillis())));
        sequence.log.add("  ops refund " + refundKey + " of period " + period);
        return WorkflowStub.fromTyped(refund).getResultAsync(RefundReceipt.class);
    }

    /** The period the subscriber sees as next; mostly right, now and then one that is not next (refused). */
    private Integer nextBoxPeriod() {
        NextBox next = sequence.last == null ? null : sequence.last.nextBox();
        synchronized (sequence.boxes) {
            int roll = sequence.boxes.nextInt(10);
            if (next == null || roll == 0) {
                return null;
            }
            return roll == 1 ? next.period() + 1 : next.period();
        }
    }

    /** A start later than the box's usual one: anywhere up to a period later, and now and then beyond (refused). */
    private Instant delayedStart() {
        NextBox next = sequence.last == null ? null : sequence.last.nextBox();
        long nowMillis = sequence.world.env.currentTimeMillis();
        Instant from = next == null ? Instant.ofEpochMilli(nowMillis) : next.startsAt();
        Instant latest = next == null || next.latestDelay() == null ? from.plus(Duration.ofDays(30))
                : next.latestDelay();
        long span = Math.max(1, Duration.between(from, latest).toHours());
        synchronized (sequence.boxes) {
            long hours = sequence.boxes.nextInt(10) == 0 ? span + 1 + sequence.boxes.nextInt(48)
                    : 1 + (long) (sequence.boxes.nextDouble() * (span - 1));
            return from.plus(Duration.ofHours(hours));
        }
    }

    private WorkflowUpdateHandle<?> nextBox(NextBoxChange change) {
        sequence.log.add("  " + change.kind() + " period " + change.period()
                + (change.until() == null ? "" : " until " + change.until()));
        return sequence.stub.startUpdate("changeNextBox", WorkflowUpdateStage.ACCEPTED, SubscriptionState.class,
                change);
    }

    /** The seats the subscription has now, as last seen. */
    private int seats() {
        return sequence.last == null ? 1 : sequence.last.quantity();
    }

    private int pick(int bound) {
        synchronized (sequence.items) {
            return sequence.items.nextInt(bound);
        }
    }

    private WorkflowUpdateHandle<?> items(ItemChange change) {
        sequence.log.add("  " + (change.quantity() != null ? change.quantity() + " seats"
                : change.addOn().quantity() + " x " + change.addOn().code()) + (change.effectiveNow() ? " now" : ""));
        return update("changeItems", change);
    }

    private WorkflowUpdateHandle<?> update(String name, Object... args) {
        return sequence.stub.startUpdate(name, WorkflowUpdateStage.ACCEPTED, Object.class, args);
    }

    private WorkflowUpdateHandle<?> signal(String name, Object argument) {
        sequence.stub.signal(name, argument);
        return null;
    }
}
