package io.perennial.order;

import io.perennial.inventory.StockLine;
import io.perennial.payment.AuthenticationOffer;
import io.perennial.subscription.CustomerActionAnswer;
import io.perennial.subscription.NextAction;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.perennial.order.FakeOrderPayments.AUTHENTICATION_REQUIRED;
import static io.perennial.order.OrderStatus.AWAITING_PAYMENT;
import static io.perennial.order.OrderStatus.CANCELED;
import static io.perennial.order.OrderStatus.DELIVERED;
import static io.perennial.order.OrderStatus.FAILED;
import static io.perennial.order.OrderStatus.PAID;
import static io.perennial.order.OrderStatus.RECEIVED;
import static io.perennial.order.OrderStatus.SHIPMENT_BOOKED;
import static io.perennial.order.OrderStatus.STOCK_RESERVED;
import io.perennial.shipping.CarrierEventType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order whose charge the issuer asks the customer to authenticate (Strong Customer Authentication): it waits with
 * its stock reserved, shows the action and emails its link; approve ships it, fail, the deadline or a cancel undo it
 * like a decline. The charge keeps its one key throughout.
 */
class OrderCustomerAuthenticationTest extends OrderWorkflowTestSupport {

    private static final String KEY = "order-o-sca:charge";

    @Test
    void anOrderWaitsForTheCustomerToAuthenticateItsChargeAndShipsOnceTheyApprove(TestWorkflowEnvironment env,
                                                                                WorkflowClient client,
                                                                                Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-sca", AUTHENTICATION_REQUIRED));

        OrderState waiting = settle(env, workflow);
        assertThat(waiting.status()).isEqualTo(AWAITING_PAYMENT);
        assertThat(waiting.history()).extracting(StatusChange::status).endsWith(STOCK_RESERVED, AWAITING_PAYMENT);
        assertThat(records.latest("o-sca").status()).as("the read model's row").isEqualTo(AWAITING_PAYMENT);
        assertThat(waiting.nextAction()).isEqualTo(new NextAction(NextAction.AUTHENTICATE_PAYMENT, KEY,
                waiting.nextAction().expiresAt()));
        // The default window: an hour from the charge, the stock reserved meanwhile.
        assertThat(Duration.between(MARCH_1_2027, waiting.nextAction().expiresAt()))
                .isBetween(Duration.ofHours(1), Duration.ofHours(1).plusMinutes(1));
        assertThat(records.latest("o-sca").nextAction()).as("the read model's row").isEqualTo(waiting.nextAction());
        assertThat(notifications.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.template()).isEqualTo("order_payment_action_required");
            assertThat(mail.data()).containsEntry("actionUrl", "/v1/orders/o-sca/payment-authentication")
                    .containsEntry("expiresAt", waiting.nextAction().expiresAt().toString())
                    .containsEntry("amountMinor", "4599");
        });
        assertThat(inventory.released()).isEmpty();

        // A stale answer (another charge's key) wakes nothing.
        workflow.customerActionAnswered(new CustomerActionAnswer("order-other:charge"));
        payments.customerAnswers("o-sca", true);
        workflow.customerActionAnswered(new CustomerActionAnswer(KEY));

        OrderState booked = settle(env, workflow);
        assertThat(statuses(booked)).containsExactly(RECEIVED, STOCK_RESERVED, AWAITING_PAYMENT, PAID, SHIPMENT_BOOKED);
        assertThat(booked.nextAction()).isNull();
        assertThat(records.latest("o-sca").nextAction()).isNull();
        assertThat(payments.authenticationCalls()).containsExactly(AuthenticationOffer.OFFERED,
                AuthenticationOffer.OFFERED);
        assertThat(payments.charged("o-sca")).isEqualTo(4599);
        assertThat(payments.chargeCount()).isEqualTo(1);

        workflow.carrierEvent(event("e1", CarrierEventType.PICKED_UP, "2027-03-01T12:00:00Z"));
        workflow.carrierEvent(event("e2", CarrierEventType.DELIVERED, "2027-03-02T12:00:00Z"));
        assertThat(result(workflow).status()).isEqualTo(DELIVERED);
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-sca"), "order-awaiting-payment-approved");
    }

    @Test
    void anOrderWhoseCustomerFailsTheAuthenticationFailsAndReleasesItsStock(TestWorkflowEnvironment env,
                                                                           WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-sca", AUTHENTICATION_REQUIRED));
        settle(env, workflow);

        payments.customerAnswers("o-sca", false);
        workflow.customerActionAnswered(new CustomerActionAnswer(KEY));

        OrderState failed = result(workflow);
        assertThat(statuses(failed)).containsExactly(RECEIVED, STOCK_RESERVED, AWAITING_PAYMENT, FAILED);
        assertThat(failed.failureReason()).contains("authentication_failed");
        assertThat(failed.nextAction()).isNull();
        assertThat(inventory.released()).hasSize(1);
        assertThat(payments.charged("o-sca")).isZero();
        assertThat(failed.refundedMinor()).isZero();
    }

    @Test
    void anOrderWhoseCustomerNeverAnswersFailsWhenItsConfiguredDeadlinePassesAndItsRequestIsClosed(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderRequest halfAnHour = new OrderRequest("o-sca", "cust-1", List.of(new StockLine(BEANS, 2),
                new StockLine(MUG, 1)), 4599, "EUR", AUTHENTICATION_REQUIRED, HOME, Duration.ofDays(7),
                Duration.ofHours(48), null, null, Duration.ofMinutes(30));
        OrderFulfillmentWorkflow workflow = start(env, client, worker, halfAnHour);
        OrderState waiting = settle(env, workflow);
        assertThat(Duration.between(MARCH_1_2027, waiting.nextAction().expiresAt()))
                .isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));

        env.sleep(Duration.ofMinutes(29));
        assertThat(workflow.state().status()).as("still waiting just before the deadline").isEqualTo(AWAITING_PAYMENT);
        env.sleep(Duration.ofMinutes(2));

        OrderState failed = result(workflow);
        assertThat(statuses(failed)).containsExactly(RECEIVED, STOCK_RESERVED, AWAITING_PAYMENT, FAILED);
        assertThat(failed.failureReason()).contains("authentication_expired");
        assertThat(inventory.released()).hasSize(1);
        // Closed at the provider: a late approval takes no money.
        assertThat(payments.authenticationCalls()).containsExactly(AuthenticationOffer.OFFERED,
                AuthenticationOffer.EXPIRED);
        assertThat(payments.charged("o-sca")).isZero();
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-sca"), "order-awaiting-payment-expired");
    }

    @Test
    void aCancelWhileTheChargeWaitsForTheCustomerClosesItsRequestAndReleasesTheStock(TestWorkflowEnvironment env,
                                                                                    WorkflowClient client,
                                                                                    Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-sca", AUTHENTICATION_REQUIRED));
        settle(env, workflow);

        workflow.cancel(new OrderCancellation("found it cheaper", "cust-1"));

        OrderState canceled = result(workflow);
        assertThat(statuses(canceled)).containsExactly(RECEIVED, STOCK_RESERVED, AWAITING_PAYMENT, CANCELED);
        assertThat(canceled.cancellation().honoured()).isTrue();
        assertThat(canceled.nextAction()).isNull();
        assertThat(inventory.released()).hasSize(1);
        // The provider's request is closed, so the customer cannot approve a charge for a canceled order.
        assertThat(payments.authenticationCalls()).containsExactly(AuthenticationOffer.OFFERED,
                AuthenticationOffer.EXPIRED);
        assertThat(payments.charged("o-sca")).isZero();
    }
}
