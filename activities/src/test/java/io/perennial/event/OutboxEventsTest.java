package io.perennial.event;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.perennial.catalog.ProductRepository;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.event.EventRepository.EventRow;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLine;
import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivitiesImpl;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.ShippingAddress;
import io.perennial.order.StatusChange;
import io.perennial.payment.GatewayResult;
import io.perennial.periodic.PurgeActivitiesImpl;
import io.perennial.periodic.PurgeKind;
import io.perennial.periodic.PurgeRequest;
import io.perennial.periodic.PurgeResult;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentSettlement;
import io.perennial.restock.PurchaseOrderRequest;
import io.perennial.restock.PurchaseOrders;
import io.perennial.restock.StockReceipt;
import io.perennial.subscription.BillingPeriod;
import io.perennial.subscription.SubscriptionRecordActivitiesImpl;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event outbox against real PostgreSQL: each state change writes its event in its own transaction, a retried
 * activity writes nothing twice, and a change that rolls back leaves no event behind.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxEventsTest implements TestPropertyProvider {

    static final Instant STARTED = Instant.parse("2027-01-01T00:00:00Z");
    static final BillingPeriod PERIOD_1 = new BillingPeriod(1, Instant.parse("2027-01-15T00:00:00Z"),
            Instant.parse("2027-02-15T00:00:00Z"));
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null, "Amsterdam",
            "1015 CJ", "NL");

    @Inject
    SubscriptionRecordActivitiesImpl subscriptions;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    PaymentRepository payments;
    @Inject
    PaymentSettlement settlement;
    @Inject
    OrderRecordActivities orders;
    @Inject
    Inventory inventory;
    @Inject
    PurchaseOrders purchaseOrders;
    @Inject
    CustomerRepository customers;
    @Inject
    ProductRepository products;
    @Inject
    EventRepository events;
    @Inject
    NotificationActivitiesImpl notifications;
    @Inject
    EventLog eventLog;
    @Inject
    PurgeActivitiesImpl purges;
    @Inject
    TransactionOperations<Connection> transactions;

    private final String supplier = "evt-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void aSupplierOfABox() {
        if (!products.existsById("prod_box")) {
            products.save(new Product("prod_box", "Coffee box", null, PlanKind.PHYSICAL, true, Instant.now()));
        }
        inventory.createSupplier(supplier, "Acme Coffee Roasters", Duration.ofDays(4));
    }

    /** The types written about one resource, oldest first. */
    private List<String> typesOf(String resourceId) {
        return written(resourceId).stream().map(EventRow::type).toList();
    }

    /** Oldest first; {@code data} as PostgreSQL prints jsonb ({@code "key": value}). */
    private List<EventRow> written(String resourceId) {
        List<EventRow> newestFirst = new ArrayList<>(events.findPage(null, resourceId, null, null, null, 100));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private String customer() {
        UUID id = UUID.randomUUID();
        customers.save(new Customer(id, id + "@example.com", "Ada", Instant.now()));
        return id.toString();
    }

    private static SubscriptionState subscription(String id, String customerId, SubscriptionStatus status,
                                                  long revision) {
        return new SubscriptionState(id, customerId, "plan_digital_monthly", status, STARTED,
                PERIOD_1.start(), status == SubscriptionStatus.TRIALING ? null : PERIOD_1, PERIOD_1.start(), false,
                null, null, status == SubscriptionStatus.PAST_DUE ? 1 : 0, revision, 1299L, "EUR", PERIOD_1.end(),
                null, false, null, null, null, null, null, 1, null, null, null, null, null, null, null);
    }

    @Test
    void aSubscriptionWritesOneEventPerVisibleRevisionNamedByHowItsStatusMoved() {
        String id = UUID.randomUUID().toString();
        String customerId = customer();

        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.TRIALING, 1));
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.TRIALING, 1));
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.ACTIVE, 2));
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.PAST_DUE, 3));
        // A late retry of an older revision changes nothing, so it says nothing.
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.ACTIVE, 2));
        // A revision a client cannot see (a continue-as-new) says nothing either.
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.PAST_DUE, 4));

        assertThat(typesOf(id)).containsExactly("customer.subscription.created", "customer.subscription.updated",
                "customer.subscription.past_due");
        EventRow created = written(id).get(0);
        assertThat(created.id()).startsWith("evt_").hasSize(36);
        assertThat(created.created()).isEqualTo(STARTED);
        assertThat(created.resourceType()).isEqualTo("subscription");
        assertThat(created.data()).contains("\"id\": \"" + id + "\"", "\"status\": \"TRIALING\"");
        assertThat(written(id).get(2).data()).contains("\"previousAttributes\": {\"status\": \"ACTIVE\"}");
    }

    @Test
    void theTrialEndingReminderIsTheTrialWillEndEventOnce() {
        String id = UUID.randomUUID().toString();
        String customerId = customer();
        subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.TRIALING, 1));
        Instant threeDaysBefore = PERIOD_1.start().minus(Duration.ofDays(3));
        CustomerNotification reminder = new CustomerNotification(id + ":trial-ending", customerId, "trial_ending",
                Map.of("trialEnd", "2027-01-15", "planName", "Digital monthly", "amountMinor", "1299",
                        "currency", "EUR"), threeDaysBefore);

        notifications.notifyCustomer(reminder);
        notifications.notifyCustomer(reminder);

        assertThat(typesOf(id)).containsExactly("customer.subscription.created",
                "customer.subscription.trial_will_end");
        assertThat(written(id).get(1).created()).isEqualTo(threeDaysBefore);
        assertThat(written(id).get(1).data()).contains("\"trialEnd\": \"2027-01-15T00:00:00Z\"");
    }

    @Test
    void aSubscriptionChangeThatRollsBackLeavesNoEvent() {
        String id = UUID.randomUUID().toString();
        String customerId = customer();

        transactions.executeWrite(status -> {
            subscriptions.recordSubscription(subscription(id, customerId, SubscriptionStatus.TRIALING, 1));
            assertThat(typesOf(id)).containsExactly("customer.subscription.created");
            status.setRollbackOnly();
            return null;
        });

        assertThat(typesOf(id)).isEmpty();
    }

    @Test
    void anInvoiceIsCreatedAndFinalizedOnceThenItsPaymentMakesItPaid() {
        String subscriptionId = UUID.randomUUID().toString();
        String customerId = customer();
        Instant issuedAt = Instant.parse("2027-02-15T00:00:00Z");
        InvoiceDraft draft = new InvoiceDraft(subscriptionId + ":2:renewal", subscriptionId, customerId, 2, "EUR",
                issuedAt, issuedAt.plus(Duration.ofDays(28)),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)), false, issuedAt);

        IssuedInvoice invoice = billing.issueInvoice(draft);
        billing.issueInvoice(draft);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(typesOf(invoice.invoiceId())).containsExactly("invoice.created", "invoice.finalized");

        UUID paymentId = UUID.randomUUID();
        payments.insertPending(paymentId, subscriptionId + ":2:renewal:1", UUID.fromString(subscriptionId),
                UUID.fromString(customerId), 2, "renewal", 1299, "EUR", issuedAt,
                UUID.fromString(invoice.invoiceId()));
        Payment pending = payments.findById(paymentId).orElseThrow();
        settlement.settle(pending, GatewayResult.approved("ch_1"));
        settlement.settle(pending, GatewayResult.approved("ch_1"));

        assertThat(typesOf(paymentId.toString())).containsExactly("payment.succeeded");
        assertThat(typesOf(invoice.invoiceId())).containsExactly("invoice.created", "invoice.finalized",
                "invoice.paid");
        EventRow paid = written(invoice.invoiceId()).get(2);
        assertThat(paid.created()).isEqualTo(issuedAt);
        assertThat(paid.data()).contains("\"status\": \"PAID\"", "\"totalMinor\": 1299");
    }

    @Test
    void aDeclinedChargeFailsThePaymentAndTheInvoiceAttempt() {
        String subscriptionId = UUID.randomUUID().toString();
        String customerId = customer();
        Instant issuedAt = Instant.parse("2027-03-15T00:00:00Z");
        IssuedInvoice invoice = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":3:renewal", subscriptionId,
                customerId, 3, "EUR", issuedAt, issuedAt.plus(Duration.ofDays(31)),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)), false, issuedAt));
        UUID paymentId = UUID.randomUUID();
        payments.insertPending(paymentId, subscriptionId + ":3:renewal:1", UUID.fromString(subscriptionId),
                UUID.fromString(customerId), 3, "renewal", 1299, "EUR", issuedAt,
                UUID.fromString(invoice.invoiceId()));

        settlement.settle(payments.findById(paymentId).orElseThrow(),
                GatewayResult.declined("ch_2", "card_declined", "declined"));

        assertThat(typesOf(paymentId.toString())).containsExactly("payment.failed");
        assertThat(typesOf(invoice.invoiceId())).containsExactly("invoice.created", "invoice.finalized",
                "invoice.payment_failed");
    }

    @Test
    void anOrderWritesAnEventForEachStepOfItsHistoryOnce() {
        String orderId = "o-" + UUID.randomUUID();
        Instant placed = Instant.parse("2027-03-01T09:00:00Z");
        StatusChange received = new StatusChange(OrderStatus.RECEIVED, placed, "placed");
        StatusChange reserved = new StatusChange(OrderStatus.STOCK_RESERVED, placed.plusSeconds(1), "reserved");
        StatusChange paid = new StatusChange(OrderStatus.PAID, placed.plusSeconds(2), "charged");
        StatusChange pickedUp = new StatusChange(OrderStatus.PICKED_UP, placed.plusSeconds(3600), "carrier");

        orders.recordOrder(order(orderId, OrderStatus.RECEIVED, 1, List.of(received)));
        orders.recordOrder(order(orderId, OrderStatus.PAID, 3, List.of(received, reserved, paid)));
        orders.recordOrder(order(orderId, OrderStatus.PAID, 3, List.of(received, reserved, paid)));
        orders.recordOrder(order(orderId, OrderStatus.PICKED_UP, 4, List.of(received, reserved, paid, pickedUp)));

        assertThat(typesOf(orderId)).containsExactly("order.created", "order.paid", "order.shipped");
        assertThat(written(orderId).stream().map(EventRow::created).toList())
                .containsExactly(received.at(), paid.at(), pickedUp.at());
    }

    private static OrderState order(String orderId, OrderStatus status, long revision, List<StatusChange> history) {
        return new OrderState(orderId, UUID.randomUUID().toString(), status, history,
                List.of(new StockLine("BEANS-250", 2)), 2999, "EUR", HOME, List.of(), null,
                status == OrderStatus.RECEIVED ? 0 : 2999, 0, null, null, null, null, null, List.of(), 0, null, null,
                history.get(0).at(), history.get(history.size() - 1).at(), revision, null);
    }

    @Test
    void stockIsLowOnceWhenAReservationTakesItAcrossTheReorderPoint() {
        String sku = "EVT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventory.createSku(new Inventory.NewSku(sku, "prod_box", "Beans 250g", 10, 5, 24, supplier, null), "admin");

        inventory.reserve("r-" + sku + "-1", List.of(new StockLine(sku, 3)));
        inventory.reserve("r-" + sku + "-2", List.of(new StockLine(sku, 3)));
        inventory.reserve("r-" + sku + "-2", List.of(new StockLine(sku, 3)));
        inventory.reserve("r-" + sku + "-3", List.of(new StockLine(sku, 1)));

        assertThat(typesOf(sku)).containsExactly("stock.low");
        assertThat(written(sku).get(0).data()).contains("\"available\": 4", "\"reorderPoint\": 5");
    }

    @Test
    void aPurchaseOrderIsPlacedOnceAndReceivedOncePerDelivery() {
        String sku = "EVT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventory.createSku(new Inventory.NewSku(sku, "prod_box", "Beans 250g", 0, 5, 24, supplier, null), "admin");
        Instant placedAt = Instant.parse("2027-04-01T00:00:00Z");
        PurchaseOrderRequest request = new PurchaseOrderRequest(PurchaseOrderRequest.idFor(sku, 1), sku, supplier,
                24, placedAt, placedAt.plus(Duration.ofDays(6)), null);

        purchaseOrders.begin(request);
        purchaseOrders.placed(request.purchaseOrderId(), "ACME:1");
        purchaseOrders.placed(request.purchaseOrderId(), "ACME:1");
        StockReceipt receipt = new StockReceipt(request.purchaseOrderId(), "dn-1", sku, 24, "ops-1",
                placedAt.plus(Duration.ofDays(4)));
        purchaseOrders.receive(receipt);
        purchaseOrders.receive(receipt);

        assertThat(typesOf(request.purchaseOrderId()))
                .containsExactly("purchase_order.placed", "purchase_order.received");
        assertThat(written(request.purchaseOrderId()).get(1).created()).isEqualTo(receipt.receivedAt());
    }

    @Test
    void thePurgeDeletesEventsOlderThanTheRetentionOnly() {
        String resourceId = "sku-" + UUID.randomUUID();
        Instant now = Instant.now();
        eventLog.record(EventType.STOCK_LOW, resourceId, "old", now.minus(Duration.ofDays(31)), Map.of("sku", "A"));
        eventLog.record(EventType.STOCK_LOW, resourceId, "recent", now.minus(Duration.ofDays(29)), Map.of("sku", "A"));

        PurgeResult purged = purges.purge(new PurgeRequest(PurgeKind.EVENTS, "test"));

        assertThat(purged.purged()).isGreaterThanOrEqualTo(1);
        assertThat(written(resourceId)).extracting(EventRow::id)
                .containsExactly(EventLog.eventId(EventType.STOCK_LOW, resourceId, "recent"));
    }
}
