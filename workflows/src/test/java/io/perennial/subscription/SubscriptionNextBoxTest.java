package io.perennial.subscription;

import io.perennial.billing.IssuedInvoice;
import io.perennial.fulfilment.BoxItem;
import io.perennial.order.FakeInventory;
import io.perennial.order.FakeOrderPayments;
import io.perennial.order.FakeOrderRecords;
import io.perennial.order.FakeShipping;
import io.perennial.order.OrderFulfillmentWorkflowImpl;
import io.perennial.order.ShippingAddress;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Skipping or delaying the next box of a monthly coffee box started on 31 January 2027: period 1 runs to
 * 28 February, period 2 to 31 March, period 3 to 30 April (times read from the state: the test server's start may
 * land a second late on a busy machine).
 */
class SubscriptionNextBoxTest extends SubscriptionWorkflowTestSupport {

    static final PlanTerms COFFEE_MONTHLY = new PlanTerms("plan_coffee_monthly", "Coffee box monthly", 2999, "EUR",
            BillingInterval.monthly(), 0, 1, null, List.of(new BoxItem("COFFEE-250G", 2)));
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null, "Amsterdam",
            "1015 CJ", "NL");

    final FakeInventory inventory = new FakeInventory();
    final FakeOrderPayments orderPayments = new FakeOrderPayments();
    final FakeShipping shipping = new FakeShipping();
    final FakeOrderRecords orderRecords = new FakeOrderRecords();

    @Test
    void aSkippedBoxIsNeitherChargedNorShippedAndTheNextPeriodBillsAsUsual(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow subscription = subscribe(env, client, worker, "sub-skip", COFFEE_MONTHLY);
        env.sleep(Duration.ofHours(1));
        Instant periodTwo = subscription.state().currentPeriod().end();

        NextBox next = subscription.changeNextBox(NextBoxChange.skip(2, "cust-1")).nextBox();
        Instant periodThree = next.latestDelay();
        assertThat(next).isEqualTo(new NextBox(2, periodTwo, true, false, periodThree));
        env.sleep(Duration.ofDays(28));

        SubscriptionState inSkipped = subscription.state();
        assertThat(inSkipped.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(inSkipped.currentPeriod().number()).isEqualTo(2);
        assertThat(inSkipped.accessUntil()).as("no access is bought for a skipped period").isEqualTo(periodTwo);
        assertThat(inSkipped.nextBox()).extracting(NextBox::period, NextBox::startsAt, NextBox::skipped)
                .containsExactly(3, periodThree, false);
        env.sleep(Duration.ofDays(31));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 3);
        assertThat(billing.invoices()).extracting(IssuedInvoice::invoiceKey).as("no invoice for the skipped period")
                .containsExactly("sub-skip:1:renewal", "sub-skip:3:renewal");
        assertThat(orderRecords.latest("sub-skip-p1")).isNotNull();
        assertThat(orderRecords.latest("sub-skip-p2")).as("no box for the skipped period").isNull();
        assertThat(orderRecords.latest("sub-skip-p3")).as("the next period ships as usual").isNotNull();
        assertThat(notifications.sent()).filteredOn(sent -> sent.template().equals("renewal_upcoming"))
                .extracting(sent -> sent.data().get("renewsAt")).as("no reminder of a renewal that is skipped")
                .containsExactly(periodThree.atZone(ZoneOffset.UTC).toLocalDate().toString());
        assertThat(subscription.state().accessUntil()).isEqualTo(inSkipped.nextBox().latestDelay());
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-skip"), "subscription-box-skipped");
    }

    @Test
    void aDelayedBoxIsChargedAtTheUsualRenewalAndItsOrderStartsAtTheDelayedTime(TestWorkflowEnvironment env,
                                                                               WorkflowClient client, Worker worker) {
        SubscriptionWorkflow subscription = subscribe(env, client, worker, "sub-late", COFFEE_MONTHLY);
        env.sleep(Duration.ofHours(1));
        Instant periodTwo = subscription.state().currentPeriod().end();
        Instant tenDaysLater = periodTwo.plus(Duration.ofDays(10));

        NextBox next = subscription.changeNextBox(NextBoxChange.delay(null, tenDaysLater, "ops-1")).nextBox();
        Instant periodThree = next.latestDelay();
        assertThat(next).isEqualTo(new NextBox(2, tenDaysLater, false, true, periodThree));
        env.sleep(Duration.ofDays(28));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).as("charged as usual").containsExactly(1, 2);
        assertThat(orderRecords.latest("sub-late-p2")).as("paid, but its order has not started").isNull();
        assertThat(subscription.state().nextBox()).isEqualTo(new NextBox(2, tenDaysLater, false, true, null));
        env.sleep(Duration.ofDays(10));

        assertThat(orderRecords.latest("sub-late-p2")).isNotNull()
                .satisfies(box -> assertThat(box.placedAt()).isEqualTo(tenDaysLater));
        assertThat(orderRecords.latest("sub-late-p2").prepaidBy().paidMinor()).isEqualTo(2999);
        env.sleep(Duration.ofDays(21));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2, 3);
        assertThat(orderRecords.latest("sub-late-p3")).as("the next box starts with its payment")
                .satisfies(box -> assertThat(box.placedAt()).isEqualTo(periodThree));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-late"), "subscription-box-delayed");
    }

    @Test
    void aDelayedBoxOfAPeriodPaidByTransferWaitsForThePaymentAndThenForItsDelayedStart(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        FakeSentInvoices sentInvoices = new FakeSentInvoices(billing);
        worker.registerActivitiesImplementations(sentInvoices);
        startOrders(env);
        SubscriptionWorkflow subscription = start(env, client, worker, new SubscriptionStart("sub-sent-box", "cust-1",
                COFFEE_MONTHLY, "pm_card_visa", null, 0, null, null, null, null, HOME, null,
                CollectionTerms.sendInvoice(14)));
        env.sleep(Duration.ofHours(1));
        payByTransfer(env, subscription, sentInvoices, "sub-sent-box:1:renewal");
        Instant periodTwo = subscription.state().currentPeriod().end();
        Instant tenDaysIn = periodTwo.plus(Duration.ofDays(10));
        subscription.changeNextBox(NextBoxChange.delay(2, tenDaysIn, "cust-1"));
        env.sleep(Duration.ofDays(28));

        // Period 2 has begun and its invoice waits for a transfer: its delayed box is still the next one.
        SubscriptionState begun = subscription.state();
        assertThat(begun.currentPeriod().number()).isEqualTo(2);
        Instant periodThree = begun.currentPeriod().end();
        assertThat(begun.nextBox()).isEqualTo(new NextBox(2, tenDaysIn, false, true, periodThree));
        assertRejected(subscription, NextBoxChange.delay(3, periodThree.plus(Duration.ofDays(3)), "cust-1"),
                "waits for its payment");
        assertRejected(subscription, NextBoxChange.skip(null, "cust-1"), "waits for its payment");

        payByTransfer(env, subscription, sentInvoices, "sub-sent-box:2:renewal");
        assertThat(orderRecords.latest("sub-sent-box-p2")).as("paid, held until its delayed start").isNull();
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), tenDaysIn).plusMinutes(1));
        assertThat(orderRecords.latest("sub-sent-box-p2")).isNotNull()
                .satisfies(box -> assertThat(box.placedAt()).isEqualTo(tenDaysIn));
        assertThat(payments.attempts()).as("invoices paid by transfer, nothing charged").isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sent-box"), "subscription-box-delay-awaits-transfer");
    }

    private void payByTransfer(TestWorkflowEnvironment env, SubscriptionWorkflow subscription,
                               FakeSentInvoices sentInvoices, String invoiceKey) {
        String invoiceId = billing.invoice(invoiceKey).invoiceId();
        assertThat(sentInvoices.transferArrives(invoiceId)).isTrue();
        subscription.invoicePaid(new InvoicePaymentNotice(invoiceId));
        env.sleep(Duration.ofMinutes(1));
    }

    @Test
    void changesThatCannotApplyAreRejectedByTheValidatorAndLeaveNoTraceInTheHistory(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow box = subscribe(env, client, worker, "sub-rules", COFFEE_MONTHLY);
        SubscriptionWorkflow digital = client.newWorkflowStub(SubscriptionWorkflow.class,
                WorkflowIds.subscription("sub-digital"));
        launch(client, worker, new SubscriptionStart("sub-digital", "cust-1", MONTHLY, "pm_card_visa", null, 0,
                null, null, null, null, HOME));
        env.sleep(Duration.ofHours(1));
        Instant periodTwo = box.state().currentPeriod().end();
        Instant periodThree = box.state().nextBox().latestDelay();

        assertRejected(digital, NextBoxChange.skip(null, "cust-1"), "ships no boxes");
        assertRejected(box, NextBoxChange.delay(2, periodThree.plusSeconds(1), "cust-1"),
                "one period at most");
        assertRejected(box, NextBoxChange.delay(2, periodTwo, "cust-1"), "after its usual start");
        assertRejected(box, NextBoxChange.skip(1, "cust-1"), "already been billed and shipped");
        assertRejected(box, NextBoxChange.skip(3, "cust-1"), "Only the next box (period 2)");
        box.changeNextBox(NextBoxChange.skip(2, "cust-1"));
        assertRejected(box, NextBoxChange.delay(2, periodTwo.plus(Duration.ofDays(9)), "cust-1"), "already skipped");
        box.cancelSubscription(new CancelRequest(CancelTiming.AT_PERIOD_END, "moving"));
        assertThat(box.state().nextBox()).as("none is coming").isNull();

        assertThat(updatesAccepted(client, "sub-digital")).isZero();
        assertThat(updatesAccepted(client, "sub-rules")).as("the skip and the cancel only").isEqualTo(2);
        assertThat(payments.paid()).as("nothing charged by a refusal").hasSize(2);
    }

    private static void assertRejected(SubscriptionWorkflow workflow, NextBoxChange change, String why) {
        assertThatThrownBy(() -> workflow.changeNextBox(change)).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining(why);
    }

    private static long updatesAccepted(WorkflowClient client, String subscriptionId) {
        return client.fetchHistory(WorkflowIds.subscription(subscriptionId)).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
                .count();
    }

    private SubscriptionWorkflow subscribe(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                           String subscriptionId, PlanTerms plan) {
        startOrders(env);
        return start(env, client, worker, new SubscriptionStart(subscriptionId, "cust-1", plan, "pm_card_visa", null,
                0, null, null, null, null, HOME));
    }

    /** The boxes' own worker, on the orders' queue as in production, with the coffee in stock. */
    private void startOrders(TestWorkflowEnvironment env) {
        inventory.stock("COFFEE-250G", 100);
        Worker orders = env.newWorker(TaskQueues.ORDERS);
        orders.registerWorkflowImplementationTypes(FAIL_FAST, OrderFulfillmentWorkflowImpl.class);
        orders.registerActivitiesImplementations(inventory, orderPayments, shipping, orderRecords, payments,
                notifications);
    }
}
