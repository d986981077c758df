package io.perennial.order;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.StockLine;
import io.perennial.subscription.NextAction;
import io.perennial.shipping.CarrierEventType;
import io.perennial.shipping.ReceivedCarrierEvent;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orders read model against real PostgreSQL: the newest revision wins, whatever order writes arrive in. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderRecordActivitiesImplTest implements TestPropertyProvider {

    private static final Instant PLACED = Instant.parse("2027-03-01T09:00:00Z");
    private static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null,
            "Amsterdam", "1015 CJ", "NL");

    @Inject
    OrderRecordActivities records;
    @Inject
    OrderReadModel readModel;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private static OrderState state(String orderId, String customerId, OrderStatus status, long revision,
                                    List<StatusChange> history, String trackingNumber) {
        return new OrderState(orderId, customerId, status, history,
                List.of(new StockLine("BEANS-250", 2), new StockLine("MUG-BLUE", 1)), 4599, "EUR", HOME, List.of(),
                null, status == OrderStatus.RECEIVED ? 0 : 4599, 0, null, trackingNumber == null ? null : "shp-" + orderId,
                trackingNumber, trackingNumber == null ? null : "lbl_1", null,
                List.of(new ReceivedCarrierEvent("ev-1", CarrierEventType.PICKED_UP, PLACED, PLACED,
                        ReceivedCarrierEvent.Effect.APPLIED, null)), 0, null, null, PLACED,
                history.get(history.size() - 1).at(), revision, null);
    }

    @Test
    void anOrderIsWrittenThenKeptAtItsNewestRevision() {
        String orderId = "o-" + UUID.randomUUID();
        String customerId = UUID.randomUUID().toString();
        StatusChange received = new StatusChange(OrderStatus.RECEIVED, PLACED, "placed");
        StatusChange booked = new StatusChange(OrderStatus.SHIPMENT_BOOKED, PLACED.plusSeconds(5), "booked");

        records.recordOrder(state(orderId, customerId, OrderStatus.RECEIVED, 1, List.of(received), null));
        records.recordOrder(state(orderId, customerId, OrderStatus.SHIPMENT_BOOKED, 5, List.of(received, booked),
                "SP0001"));
        // A retried activity of an older revision arrives late: it changes nothing.
        records.recordOrder(state(orderId, customerId, OrderStatus.RECEIVED, 1, List.of(received), null));

        Map<String, Object> row = row(orderId);
        assertThat(row.get("status")).isEqualTo("SHIPMENT_BOOKED");
        assertThat(row.get("revision")).isEqualTo(5L);
        assertThat(row.get("customer_id")).isEqualTo(UUID.fromString(customerId));
        assertThat(row.get("workflow_id")).isEqualTo("order-" + orderId);
        assertThat(row.get("tracking_number")).isEqualTo("SP0001");
        assertThat(row.get("charged_minor")).isEqualTo(4599L);
        assertThat(row.get("amount_minor")).isEqualTo(4599L);
        assertThat(row.get("currency")).isEqualTo("EUR");
        assertThat((String) row.get("lines")).contains("\"sku\": \"BEANS-250\"", "\"quantity\": 2");
        assertThat((String) row.get("shipping_address")).contains("\"city\": \"Amsterdam\"",
                "\"countryCode\": \"NL\"");
        assertThat((String) row.get("history")).contains("\"status\": \"RECEIVED\"", "\"status\": \"SHIPMENT_BOOKED\"",
                "\"reason\": \"booked\"", "\"at\": \"2027-03-01T09:00:05Z\"");
        assertThat(row.get("placed_at")).isEqualTo(PLACED);
        assertThat(row.get("updated_at")).isEqualTo(PLACED.plusSeconds(5));
    }

    @Test
    void theActionAnOrderWaitsForTheCustomerToTakeIsKeptUntilTheNextRevisionClearsIt() {
        String orderId = "o-" + UUID.randomUUID();
        String customerId = UUID.randomUUID().toString();
        List<StatusChange> reserved = List.of(new StatusChange(OrderStatus.STOCK_RESERVED, PLACED, "stock held"));
        OrderState held = state(orderId, customerId, OrderStatus.STOCK_RESERVED, 3, reserved, null);
        NextAction action = new NextAction(NextAction.AUTHENTICATE_PAYMENT, "order-" + orderId + ":charge",
                PLACED.plusSeconds(3600));
        records.recordOrder(withNextAction(held, action, 3));

        assertThat(readModel.find(orderId).orElseThrow().nextAction()).isEqualTo(action);

        records.recordOrder(withNextAction(held, null, 4));
        assertThat(readModel.find(orderId).orElseThrow().nextAction()).isNull();
    }

    private static OrderState withNextAction(OrderState s, NextAction action, long revision) {
        return new OrderState(s.orderId(), s.customerId(), s.status(), s.history(), s.lines(), s.amountMinor(),
                s.currency(), s.shippingAddress(), s.backorderedSkus(), s.backorderDeadlineAt(), s.chargedMinor(),
                s.refundedMinor(), s.paymentId(), s.shipmentId(), s.trackingNumber(), s.labelReference(),
                s.pickupDeadlineAt(), s.carrierEvents(), s.duplicateCarrierEvents(), s.cancellation(),
                s.failureReason(), s.placedAt(), s.updatedAt(), revision, s.prepaidBy(), s.risk(), action);
    }

    @Test
    void aSubscriptionBoxIsKeptWithItsSubscriptionAndPeriodAndMayRefundWhatItNeverCharged() {
        UUID subscriptionId = UUID.randomUUID();
        String customerId = UUID.randomUUID().toString();
        String orderId = PrepaidBox.orderIdFor(subscriptionId.toString(), 3);
        OrderState box = new OrderState(orderId, customerId, OrderStatus.CANCELED_BACKORDER,
                List.of(new StatusChange(OrderStatus.CANCELED_BACKORDER, PLACED, "no stock")),
                List.of(new StockLine("BEANS-250", 2)), 2999, "EUR", HOME, List.of(), PLACED, 0, 2999, null, null,
                null, null, null, List.of(), 0, null, "no stock", PLACED, PLACED, 4,
                new PrepaidBox(subscriptionId.toString(), 3, 2999, PLACED));

        records.recordOrder(box);

        OrderRecord row = readModel.find(orderId).orElseThrow();
        assertThat(row.subscriptionId()).isEqualTo(subscriptionId);
        assertThat(row.period()).isEqualTo(3);
        assertThat(row.refundedMinor()).isEqualTo(2999);
        assertThat(row.chargedMinor()).isZero();
        assertThat(readModel.page(UUID.fromString(customerId), null, null, 10)).extracting(OrderRecord::orderId)
                .containsExactly(orderId);
    }

    @Test
    void anOrderThatIsNoBoxNeverRefundsMoreThanItCharged() {
        String orderId = "o-" + UUID.randomUUID();
        OrderState overRefunded = new OrderState(orderId, UUID.randomUUID().toString(), OrderStatus.CANCELED,
                List.of(new StatusChange(OrderStatus.CANCELED, PLACED, "canceled")),
                List.of(new StockLine("BEANS-250", 2)), 2999, "EUR", HOME, List.of(), null, 0, 2999, null, null,
                null, null, null, List.of(), 0, null, null, PLACED, PLACED, 2, null);

        assertThatThrownBy(() -> records.recordOrder(overRefunded)).isInstanceOfSatisfying(
                ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(OrderFailures.RECORD_REFUSED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).contains(orderId, "SQLState 23514");
                });
        assertThat(readModel.find(orderId)).isEmpty();
    }

    @Test
    void anAddressPostgresCannotHoldFailsForGoodInsteadOfRetryingForEver() {
        String orderId = "o-" + UUID.randomUUID();
        OrderState lone = new OrderState(orderId, UUID.randomUUID().toString(), OrderStatus.RECEIVED,
                List.of(new StatusChange(OrderStatus.RECEIVED, PLACED, "placed")),
                List.of(new StockLine("BEANS-250", 2)), 2999, "EUR",
                new ShippingAddress("Ada \ud800", "Keizersgracht 1", null, "Amsterdam", "1015 CJ", "NL"), List.of(),
                null, 0, 0, null, null, null, null, null, List.of(), 0, null, null, PLACED, PLACED, 1, null);

        assertThatThrownBy(() -> records.recordOrder(lone)).isInstanceOfSatisfying(ApplicationFailure.class,
                failure -> {
                    assertThat(failure.getType()).isEqualTo(OrderFailures.RECORD_REFUSED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).as("no data in the message").doesNotContain("Ada");
                });
        assertThat(readModel.find(orderId)).isEmpty();
    }

    @Test
    void theSameRevisionWrittenTwiceLeavesOneRow() {
        String orderId = "o-" + UUID.randomUUID();
        OrderState state = state(orderId, UUID.randomUUID().toString(), OrderStatus.RECEIVED, 1,
                List.of(new StatusChange(OrderStatus.RECEIVED, PLACED, "placed")), null);

        records.recordOrder(state);
        records.recordOrder(state);

        assertThat(row(orderId).get("status")).isEqualTo("RECEIVED");
        assertThat(count(orderId)).isEqualTo(1);
    }

    @Test
    void theReadModelGivesBackEveryFieldAndPagesNewestFirstByCustomerStatusAndCursor() {
        String customerId = UUID.randomUUID().toString();
        String tracking = "SP" + UUID.randomUUID().toString().substring(0, 8);
        StatusChange received = new StatusChange(OrderStatus.RECEIVED, PLACED, "placed");
        String first = "o-" + UUID.randomUUID();
        String second = "o-" + UUID.randomUUID();
        String third = "o-" + UUID.randomUUID();
        records.recordOrder(state(first, customerId, OrderStatus.RECEIVED, 1, List.of(received), null));
        CancellationOutcome refused = new CancellationOutcome("changed my mind", "ada", PLACED.plusSeconds(9), false,
                "already booked");
        OrderState booked = state(second, customerId, OrderStatus.SHIPMENT_BOOKED, 3, List.of(new StatusChange(
                OrderStatus.SHIPMENT_BOOKED, PLACED.plusSeconds(10), "booked")), tracking);
        records.recordOrder(new OrderState(booked.orderId(), booked.customerId(), booked.status(), booked.history(),
                booked.lines(), booked.amountMinor(), booked.currency(), booked.shippingAddress(),
                List.of("MUG-BLUE"), PLACED.plusSeconds(60), booked.chargedMinor(), booked.refundedMinor(),
                booked.paymentId(), booked.shipmentId(), booked.trackingNumber(), booked.labelReference(),
                PLACED.plusSeconds(120), booked.carrierEvents(), booked.duplicateCarrierEvents(), refused, null,
                PLACED.plusSeconds(10), PLACED.plusSeconds(10), 3, null));
        records.recordOrder(state(third, customerId, OrderStatus.RECEIVED, 1, List.of(received), null));

        OrderRecord found = readModel.findByTrackingNumber(tracking).orElseThrow();
        assertThat(found.orderId()).isEqualTo(second);
        assertThat(found.customerId()).isEqualTo(UUID.fromString(customerId));
        assertThat(found.status()).isEqualTo(OrderStatus.SHIPMENT_BOOKED);
        assertThat(found.lines()).containsExactly(new StockLine("BEANS-250", 2), new StockLine("MUG-BLUE", 1));
        assertThat(found.shippingAddress()).isEqualTo(HOME);
        assertThat(found.backorderedSkus()).containsExactly("MUG-BLUE");
        assertThat(found.backorderDeadlineAt()).isEqualTo(PLACED.plusSeconds(60));
        assertThat(found.pickupDeadlineAt()).isEqualTo(PLACED.plusSeconds(120));
        assertThat(found.cancellation()).isEqualTo(refused);
        assertThat(found.history()).extracting(StatusChange::reason).containsExactly("booked");
        assertThat(found.labelReference()).isEqualTo("lbl_1");
        assertThat(found.revision()).isEqualTo(3);
        assertThat(found.subscriptionId()).isNull();
        assertThat(found.period()).isNull();
        assertThat(readModel.findByTrackingNumber("SP-none-" + UUID.randomUUID())).isEmpty();

        UUID customer = UUID.fromString(customerId);
        // The booked order was placed 10 s after the other two, whose tie the order id breaks (descending).
        List<String> newestFirst = List.of(second, first.compareTo(third) > 0 ? first : third,
                first.compareTo(third) > 0 ? third : first);
        List<OrderRecord> all = readModel.page(customer, null, null, 10);
        assertThat(all).extracting(OrderRecord::orderId).containsExactlyElementsOf(newestFirst);
        assertThat(readModel.page(customer, null, all.get(0), 10)).extracting(OrderRecord::orderId)
                .containsExactlyElementsOf(newestFirst.subList(1, 3));
        assertThat(readModel.page(customer, null, all.get(1), 10)).extracting(OrderRecord::orderId)
                .containsExactly(newestFirst.get(2));
        assertThat(readModel.page(customer, null, null, 1)).hasSize(1);
        assertThat(readModel.page(customer, OrderStatus.SHIPMENT_BOOKED, null, 10)).extracting(OrderRecord::orderId)
                .containsExactly(second);
        assertThat(readModel.page(UUID.randomUUID(), null, null, 10)).isEmpty();
    }

    private Map<String, Object> row(String orderId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT status, revision, customer_id, "
                + "workflow_id, tracking_number, charged_minor, amount_minor, currency, lines::text, "
                + "shipping_address::text, history::text, placed_at, updated_at FROM orders WHERE order_id = ?",
                statement -> {
                    statement.setString(1, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("status", rows.getString(1));
                        row.put("revision", rows.getLong(2));
                        row.put("customer_id", rows.getObject(3, UUID.class));
                        row.put("workflow_id", rows.getString(4));
                        row.put("tracking_number", rows.getString(5));
                        row.put("charged_minor", rows.getLong(6));
                        row.put("amount_minor", rows.getLong(7));
                        row.put("currency", rows.getString(8));
                        row.put("lines", rows.getString(9));
                        row.put("shipping_address", rows.getString(10));
                        row.put("history", rows.getString(11));
                        row.put("placed_at", rows.getTimestamp(12).toInstant());
                        row.put("updated_at", rows.getTimestamp(13).toInstant());
                        return row;
                    }
                }));
    }

    private int count(String orderId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM orders WHERE order_id = ?", statement -> {
                    statement.setString(1, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }));
    }
}
