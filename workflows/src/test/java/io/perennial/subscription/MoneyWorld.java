package io.perennial.subscription;

import io.perennial.fulfilment.BoxItem;
import io.perennial.ops.PeriodRefundWorkflowImpl;
import io.perennial.order.FakeInventory;
import io.perennial.order.FakeOrderPayments;
import io.perennial.order.FakeOrderRecords;
import io.perennial.order.FakeShipping;
import io.perennial.order.OrderFulfillmentWorkflowImpl;
import io.perennial.order.ShippingAddress;
import io.perennial.temporal.TaskQueues;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;

import java.util.List;

/**
 * The test server, worker and simulated outside parties the money property test's sequences run against: the
 * provider ({@link ScriptedGateway}), the ledger ({@link FakeBilling}), the read model ({@link ScriptedRecords}),
 * sent invoices, and the order side a box plan's periods ship through (its own worker on the orders queue, as in
 * production).
 */
final class MoneyWorld implements AutoCloseable {

    /** A physical plan: every paid period ships a box as a child order workflow. */
    static final PlanTerms COFFEE_BOX = new PlanTerms("plan_coffee_monthly", "Coffee box monthly", 2999, "EUR",
            BillingInterval.monthly(), 0, 1, null, List.of(new BoxItem("COFFEE-250G", 2)));
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null, "Amsterdam",
            "1015 CJ", "NL");

    final TestWorkflowEnvironment env;
    final Worker worker;
    final FakeBilling billing = new FakeBilling();
    final ScriptedGateway gateway;
    final ScriptedRecords records = new ScriptedRecords();
    final FakeSentInvoices sentInvoices;
    final FakeOrderRecords boxes = new FakeOrderRecords();
    final FakeOrderPayments boxPayments = new FakeOrderPayments();

    MoneyWorld() {
        env = TestWorkflowEnvironment.newInstance();
        for (String keyword : List.of("CustomerId", "PlanId", "SubscriptionStatus", "OrderStatus",
                "PaymentIssue")) {
            env.registerSearchAttribute(keyword, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        env.registerSearchAttribute("NextBillingAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
        env.registerSearchAttribute("PaymentIssueSince", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
        env.registerSearchAttribute("FailedPaymentCount", IndexedValueType.INDEXED_VALUE_TYPE_INT);
        WorkflowImplementationOptions failFast = WorkflowImplementationOptions.newBuilder()
                .setFailWorkflowExceptionTypes(NullPointerException.class, IllegalArgumentException.class,
                        IllegalStateException.class, ClassCastException.class)
                .build();
        worker = env.newWorker("money-property");
        worker.registerWorkflowImplementationTypes(failFast, SubscriptionWorkflowImpl.class,
                PeriodRefundWorkflowImpl.class);
        TestWorkflowEnvironment clock = env;
        gateway = new ScriptedGateway(billing, clock::currentTimeMillis);
        ChangeScript.COUPONS.forEach(billing::coupon);
        sentInvoices = new FakeSentInvoices(billing);
        FakeNotifications notifications = new FakeNotifications();
        worker.registerActivitiesImplementations(gateway, records, billing, notifications, new FakeBoxes(),
                sentInvoices);
        Worker orders = env.newWorker(TaskQueues.ORDERS);
        orders.registerWorkflowImplementationTypes(failFast, OrderFulfillmentWorkflowImpl.class);
        orders.registerActivitiesImplementations(new FakeInventory().stock("COFFEE-250G", 1_000_000), boxPayments,
                new FakeShipping(), boxes, gateway, notifications);
        env.start();
    }

    @Override
    public void close() {
        env.close();
    }
}
