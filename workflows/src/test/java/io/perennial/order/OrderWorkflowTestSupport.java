package io.perennial.order;

import io.perennial.inventory.StockLine;
import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.CarrierEventType;
import io.perennial.subscription.FakeNotifications;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time-skipping tests of {@link OrderFulfillmentWorkflowImpl} against in-memory stock, payments, carrier and read
 * model. Time starts on 1 March 2027 09:00 UTC.
 */
abstract class OrderWorkflowTestSupport {

    static final Instant MARCH_1_2027 = Instant.parse("2027-03-01T09:00:00Z");
    static final String BEANS = "BEANS-250";
    static final String MUG = "MUG-BLUE";
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null, "Amsterdam",
            "1015 CJ", "NL");
    static final ShippingAddress OFFICE = new ShippingAddress("Ada Lovelace", "Stationsplein 10", "3rd floor",
            "Utrecht", "3511 ED", "NL");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
                    .setFailWorkflowExceptionTypes(NullPointerException.class, IllegalArgumentException.class,
                            IllegalStateException.class, ClassCastException.class)
                    .build(), OrderFulfillmentWorkflowImpl.class)
            .registerSearchAttribute("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setInitialTime(MARCH_1_2027.minusSeconds(60))
            .setDoNotStart(true)
            .build();

    final FakeInventory inventory = new FakeInventory();
    final FakeOrderPayments payments = new FakeOrderPayments();
    final FakeShipping shipping = new FakeShipping();
    final FakeOrderRecords records = new FakeOrderRecords();
    final FakeRiskChecks risk = new FakeRiskChecks();
    final FakeNotifications notifications = new FakeNotifications();

    static OrderRequest order(String orderId, String paymentMethod) {
        return new OrderRequest(orderId, "cust-1", List.of(new StockLine(BEANS, 2), new StockLine(MUG, 1)), 4599,
                "EUR", paymentMethod, HOME, Duration.ofDays(7), Duration.ofHours(48));
    }

    OrderFulfillmentWorkflow start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                   OrderRequest request) {
        worker.registerActivitiesImplementations(inventory, payments, shipping, records, risk, notifications);
        env.start();
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), MARCH_1_2027));
        OrderFulfillmentWorkflow workflow = client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                OrderStartOptions.forRequest(request).toBuilder().setTaskQueue(worker.getTaskQueue()).build());
        WorkflowClient.start(workflow::fulfil, request);
        return client.newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order(request.orderId()));
    }

    /** Lets the workflow run (a minute of test time) and checks where it stands. */
    static OrderState settle(TestWorkflowEnvironment env, OrderFulfillmentWorkflow workflow) {
        env.sleep(Duration.ofMinutes(1));
        return workflow.state();
    }

    static OrderState result(OrderFulfillmentWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(OrderState.class);
    }

    static CarrierEvent event(String eventId, CarrierEventType type, String occurredAt) {
        return new CarrierEvent(eventId, "SPO-1", type, Instant.parse(occurredAt), null);
    }

    static String orderStatusAttribute(WorkflowClient client, String orderId) {
        return client.newUntypedWorkflowStub(WorkflowIds.order(orderId)).describe().getTypedSearchAttributes()
                .get(PerennialSearchAttributes.ORDER_STATUS);
    }

    static List<OrderStatus> statuses(OrderState state) {
        return state.history().stream().map(StatusChange::status).toList();
    }
}
