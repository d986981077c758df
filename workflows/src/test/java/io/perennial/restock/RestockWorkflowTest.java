package io.perennial.restock;

import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.perennial.restock.FakeRestockActivities.Answer.HTTP_503;
import static io.perennial.restock.FakeRestockActivities.Answer.REJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restock from the low-stock signal to the last woken backorder. */
class RestockWorkflowTest extends RestockWorkflowTestSupport {

    private static final String PO_1 = "po-" + SKU + "-1";
    private static final String PO_2 = "po-" + SKU + "-2";

    @Test
    void lowStockOrdersFromThePreferredSupplierAndAFullReceiptPutsStockOnHandAndWakesBackordersInOrder(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));
        RestockState ordered = settle(env, client);

        assertThat(activities.placed()).singleElement().satisfies(po -> {
            assertThat(po.purchaseOrderId()).isEqualTo(PO_1);
            assertThat(po.supplierId()).isEqualTo("acme");
            assertThat(po.quantity()).as("the reorder quantity").isEqualTo(24);
            assertThat(po.dueAt()).as("1.5 × the 4-day lead time").isEqualTo(po.placedAt().plus(Duration.ofDays(6)));
        });
        assertThat(ordered.status()).isEqualTo(RestockStatus.ORDERED);
        assertThat(restockStatusAttribute(client)).isEqualTo("ORDERED");

        backorder(client, worker, "o-first", 10);
        backorder(client, worker, "o-second", 5);
        backorder(client, worker, "o-third", 4);
        lowStock(client, worker, RestockStart.of(SKU));
        RestockState waiting = settle(env, client);
        assertThat(waiting.waiting()).extracting(Backorder::orderWorkflowId)
                .containsExactly("order-o-first", "order-o-second", "order-o-third");
        assertThat(activities.placed()).as("one open purchase order, however often stock is low").hasSize(1);

        ReceiptOutcome outcome = restock(client).receive(receipt(PO_1, "dn-1", 24));

        assertThat(outcome.receivedTotal()).isEqualTo(24);
        assertThat(outcome.wokenOrders()).containsExactly("order-o-first", "order-o-second", "order-o-third");
        assertThat(activities.onHand()).isEqualTo(3 + 24);
        RestockState done = result(client);
        assertThat(done.status()).isEqualTo(RestockStatus.COMPLETED);
        assertThat(done.woken()).containsExactly("order-o-first", "order-o-second", "order-o-third");
        assertThat(done.earlier()).singleElement().satisfies(po -> {
            assertThat(po.status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
            assertThat(po.received()).isEqualTo(24);
        });
        assertThat(orderRun(client, "o-first")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(orderRun(client, "o-third")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(restockStatusAttribute(client)).isEqualTo("COMPLETED");
        RestockHistories.recordIfAsked(client, WorkflowIds.restock(SKU), "restock-received-in-full");
    }

    @Test
    void partialReceiptsWakeWaitingOrdersStrictlyInOrderOfArrivalAndAnOverReceiptIsRefused(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        // All three are waiting before the worker polls, so the restock's first task sees the whole demand (with
        // the worker already running, it could place the order for the first backorder alone; CI caught that race).
        worker.registerActivitiesImplementations(activities);
        backorder(client, worker, "o-big", 10);
        backorder(client, worker, "o-small", 5);
        backorder(client, worker, "o-late", 30);
        env.start();
        settle(env, client);
        assertThat(activities.placed()).singleElement()
                .satisfies(po -> assertThat(po.quantity()).as("the backorder demand, larger than 24").isEqualTo(45));

        ReceiptOutcome first = restock(client).receive(receipt(PO_1, "dn-1", 8));
        assertThat(first.wokenOrders()).as("8 do not cover the first order's 10; the second may not jump ahead")
                .isEmpty();
        assertThat(restockStatusAttribute(client)).isEqualTo("PARTIALLY_RECEIVED");

        ReceiptOutcome second = restock(client).receive(receipt(PO_1, "dn-2", 8));
        assertThat(second.wokenOrders()).containsExactly("order-o-big", "order-o-small");
        assertThat(second.receivedTotal()).isEqualTo(16);

        ReceiptOutcome again = restock(client).receive(receipt(PO_1, "dn-2", 8));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.receivedTotal()).isEqualTo(16);
        assertThat(activities.onHand()).as("a receipt posted twice counts once").isEqualTo(3 + 16);

        assertThatThrownBy(() -> restock(client).receive(receipt(PO_1, "dn-3", 30)))
                .isInstanceOf(WorkflowUpdateException.class)
                .hasStackTraceContaining("over-receipt: 30 more would make 46 of 45 ordered");
        assertThatThrownBy(() -> restock(client).receive(receipt(PO_1, "dn-2", 7)))
                .isInstanceOf(WorkflowUpdateException.class)
                .hasStackTraceContaining("receipt dn-2 was counted with 8, not 7");
        assertThat(restock(client).state().current().received()).isEqualTo(16);

        ReceiptOutcome last = restock(client).receive(receipt(PO_1, "dn-3", 29));
        assertThat(last.wokenOrders()).containsExactly("order-o-late");
        RestockState done = result(client);
        assertThat(done.status()).isEqualTo(RestockStatus.COMPLETED);
        assertThat(done.woken()).containsExactly("order-o-big", "order-o-small", "order-o-late");
        assertThat(activities.onHand()).isEqualTo(3 + 45);
        RestockHistories.recordIfAsked(client, WorkflowIds.restock(SKU), "restock-partial-receipts");
    }

    @Test
    void pastTheDeadlineOpsAreRemindedAndTheRemainderIsReorderedFromTheAlternateSupplier(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));
        settle(env, client);
        restock(client).receive(receipt(PO_1, "dn-1", 10));

        env.sleep(Duration.ofDays(5));
        assertThat(activities.reminders()).as("not yet: due after 6 days").isEmpty();
        env.sleep(Duration.ofDays(1));
        RestockState reordered = settle(env, client);

        assertThat(activities.reminders()).singleElement().satisfies(reminder -> {
            assertThat(reminder.purchaseOrderId()).isEqualTo(PO_1);
            assertThat(reminder.received()).isEqualTo(10);
            assertThat(reminder.message()).contains("overdue").contains("re-ordering the remaining 14");
        });
        assertThat(activities.status(PO_1)).isEqualTo(PurchaseOrderStatus.SHORT_CLOSED);
        assertThat(activities.placed()).hasSize(2).last().satisfies(po -> {
            assertThat(po.purchaseOrderId()).isEqualTo(PO_2);
            assertThat(po.supplierId()).isEqualTo("beta");
            assertThat(po.quantity()).isEqualTo(14);
            assertThat(po.replaces()).isEqualTo(PO_1);
            assertThat(po.dueAt()).isEqualTo(po.placedAt().plus(Duration.ofDays(3)));
        });
        assertThat(reordered.reminders()).isEqualTo(1);
        assertThat(reordered.earlier()).extracting(PurchaseOrderView::status)
                .containsExactly(PurchaseOrderStatus.SHORT_CLOSED);
        assertThatThrownBy(() -> restock(client).receive(receipt(PO_1, "dn-late", 14)))
                .isInstanceOf(WorkflowUpdateException.class)
                .hasStackTraceContaining("purchase order " + PO_1 + " is not open for receipts");

        restock(client).receive(receipt(PO_2, "beta-dn-1", 14));
        assertThat(result(client).status()).isEqualTo(RestockStatus.COMPLETED);
        assertThat(activities.onHand()).isEqualTo(3 + 24);
        RestockHistories.recordIfAsked(client, WorkflowIds.restock(SKU), "restock-overdue-reordered");
    }

    @Test
    void aSupplierAnswering503IsRetriedUnderTheSamePurchaseOrderId(TestWorkflowEnvironment env,
                                                                   WorkflowClient client, Worker worker) {
        activities.script("acme", HTTP_503, HTTP_503);
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));

        RestockState ordered = settle(env, client);

        assertThat(activities.attempts(PO_1)).isEqualTo(3);
        assertThat(activities.placed()).singleElement().satisfies(po -> assertThat(po.supplierId()).isEqualTo("acme"));
        assertThat(ordered.current().purchaseOrderId()).isEqualTo(PO_1);
    }

    @Test
    void aSupplierDownThroughEveryAttemptLeavesItsOrderUnconfirmedAndTheAlternateGetsANewOne(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        activities.script("acme", HTTP_503, HTTP_503, HTTP_503, HTTP_503, HTTP_503, HTTP_503);
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));

        env.sleep(Duration.ofMinutes(4));
        RestockState ordered = settle(env, client);

        assertThat(activities.attempts(PO_1)).isEqualTo(6);
        assertThat(activities.status(PO_1)).isEqualTo(PurchaseOrderStatus.UNCONFIRMED);
        assertThat(activities.placed()).singleElement().satisfies(po -> {
            assertThat(po.purchaseOrderId()).isEqualTo(PO_2);
            assertThat(po.supplierId()).isEqualTo("beta");
        });
        assertThat(ordered.current().purchaseOrderId()).isEqualTo(PO_2);
    }

    @Test
    void aSupplierRefusingTheOrderIsNotRetriedAndTheAlternateGetsIt(TestWorkflowEnvironment env,
                                                                   WorkflowClient client, Worker worker) {
        activities.script("acme", REJECT);
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));

        RestockState ordered = settle(env, client);

        assertThat(activities.attempts(PO_1)).isEqualTo(1);
        assertThat(activities.status(PO_1)).isEqualTo(PurchaseOrderStatus.REJECTED);
        assertThat(activities.placed()).singleElement().satisfies(po -> {
            assertThat(po.purchaseOrderId()).isEqualTo(PO_2);
            assertThat(po.supplierId()).isEqualTo("beta");
            assertThat(po.quantity()).isEqualTo(24);
        });
        assertThat(ordered.current().supplierId()).isEqualTo("beta");
        RestockHistories.recordIfAsked(client, WorkflowIds.restock(SKU), "restock-supplier-refused");
    }

    @Test
    void whenNoSupplierTakesTheOrderOpsAreRemindedAndItIsTriedAgainLater(TestWorkflowEnvironment env,
                                                                       WorkflowClient client, Worker worker) {
        activities.script("acme", REJECT).noAlternate();
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));

        RestockState stuck = settle(env, client);
        assertThat(stuck.status()).isEqualTo(RestockStatus.NEEDS_ATTENTION);
        assertThat(restockStatusAttribute(client)).isEqualTo("NEEDS_ATTENTION");
        assertThat(activities.reminders()).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("no supplier took an order of 24"));

        env.sleep(RestockWorkflowImpl.RETRY_SUPPLIERS_AFTER);
        RestockState ordered = settle(env, client);
        assertThat(ordered.status()).isEqualTo(RestockStatus.ORDERED);
        assertThat(ordered.current().purchaseOrderId()).isEqualTo(PO_2);
    }

    @Test
    void stockBackAboveTheReorderPointBeforeAnythingWasOrderedEndsTheRestockWithoutAnOrder(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        activities.stock(12, 5, 24);
        begin(env, worker);
        lowStock(client, worker, RestockStart.of(SKU));

        RestockState done = result(client);

        assertThat(done.status()).isEqualTo(RestockStatus.COMPLETED);
        assertThat(activities.placed()).isEmpty();
    }

    @Test
    void aLongRestockContinuesAsNewAndKeepsItsOrderReceiptsAndWaitingOrders(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        begin(env, worker);
        lowStock(client, worker, new RestockStart(SKU, 40, null));
        settle(env, client);
        backorder(client, worker, "o-patient", 20);
        String firstRun = client.newUntypedWorkflowStub(WorkflowIds.restock(SKU)).describe().getExecution().getRunId();
        for (int i = 1; i <= 6; i++) {
            restock(client).receive(receipt(PO_1, "dn-" + i, 3));
            env.sleep(Duration.ofMinutes(1));
        }
        String laterRun = client.newUntypedWorkflowStub(WorkflowIds.restock(SKU)).describe().getExecution().getRunId();
        assertThat(laterRun).as("continued as new").isNotEqualTo(firstRun);

        RestockState carried = restock(client).state();
        assertThat(carried.current().purchaseOrderId()).isEqualTo(PO_1);
        assertThat(carried.current().received()).isEqualTo(18);
        assertThat(carried.waiting()).extracting(Backorder::orderWorkflowId).containsExactly("order-o-patient");
        assertThat(restock(client).receive(receipt(PO_1, "dn-1", 3)).duplicate())
                .as("receipt ids counted before the new run still count once").isTrue();

        ReceiptOutcome last = restock(client).receive(receipt(PO_1, "dn-7", 6));
        assertThat(last.wokenOrders()).containsExactly("order-o-patient");
        assertThat(result(client).earlier()).extracting(PurchaseOrderView::purchaseOrderId).containsExactly(PO_1);
        assertThat(activities.onHand()).isEqualTo(3 + 24);
        assertThat(List.of(firstRun, laterRun)).doesNotHaveDuplicates();
    }
}
