package io.perennial.api.payment;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.micronaut.context.annotation.Value;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.payment.AuthenticationPageRepository;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.subscription.CustomerActionAnswer;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Payments that wait for the customer (Strong Customer Authentication), a subscription's or an order's.
 * {@link #answered} is the one entry point for an answer the provider already holds: the simulated provider's page
 * below calls it, and so should a provider
 * webhook ({@code payment_intent.succeeded} / {@code payment_intent.payment_failed} for a PaymentIntent whose
 * idempotency key is one of ours). The workflow then reads the outcome from the provider under that key: it never
 * charges again, and a duplicate answer changes nothing.
 */
@Singleton
public class CustomerActions {

    private static final Logger log = LoggerFactory.getLogger(CustomerActions.class);

    private final WorkflowClient temporal;
    private final PaymentRepository payments;
    private final OrderPaymentRepository orderPayments;
    private final SubscriptionRecordRepository records;
    private final OrderReadModel orders;
    private final AuthenticationPageRepository authenticationPage;
    private final boolean simulatedProvider;

    public CustomerActions(WorkflowClient temporal, PaymentRepository payments, OrderPaymentRepository orderPayments,
                           SubscriptionRecordRepository records, OrderReadModel orders,
                           AuthenticationPageRepository authenticationPage,
                           @Value("${perennial.payments.provider:simulated}") String provider) {
        this.temporal = temporal;
        this.payments = payments;
        this.orderPayments = orderPayments;
        this.records = records;
        this.orders = orders;
        this.authenticationPage = authenticationPage;
        this.simulatedProvider = "simulated".equals(provider);
    }

    /**
     * The provider holds the customer's answer to the charge {@code idempotencyKey}: tells the subscription that
     * waits for it (signal {@link SubscriptionWorkflow#CUSTOMER_ACTION_ANSWERED}). False when no subscription charge
     * waits for the customer under that key (unknown, or settled already): the caller acknowledges and ignores it.
     */
    public boolean answered(String idempotencyKey) {
        Optional<String> workflowId = payments.findByIdempotencyKey(idempotencyKey)
                .filter(payment -> payment.status() == PaymentStatus.REQUIRES_ACTION)
                .map(payment -> WorkflowIds.subscription(payment.subscriptionId().toString()))
                .or(() -> orderPayments.findByIdempotencyKey(idempotencyKey)
                        .filter(payment -> payment.status() == PaymentStatus.REQUIRES_ACTION)
                        .map(payment -> WorkflowIds.order(payment.orderId())));
        if (workflowId.isEmpty()) {
            return false;
        }
        try {
            // One signal name for both workflows (OrderFulfillmentWorkflow.CUSTOMER_ACTION_ANSWERED is the same).
            temporal.newUntypedWorkflowStub(workflowId.get())
                    .signal(SubscriptionWorkflow.CUSTOMER_ACTION_ANSWERED, new CustomerActionAnswer(idempotencyKey));
            return true;
        } catch (WorkflowNotFoundException ended) {
            log.info("Answer to charge {} came after {} ended", idempotencyKey, workflowId.get());
            return false;
        }
    }

    /**
     * The simulated provider's authentication page: the customer who owns the subscription approves or fails the
     * charge waiting for them; the ledger records it under the charge's key, then the workflow is told.
     */
    public void authenticateSimulated(CurrentUser caller, UUID subscriptionId, boolean approve) {
        SubscriptionRecord row = records.findById(subscriptionId)
                .filter(found -> caller.customerId().filter(found.customerId()::equals).isPresent())
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
        answerOnSimulatedPage(row.nextActionPaymentKey(), approve, "Subscription", subscriptionId.toString());
    }

    /**
     * The same page for an order's charge: the customer who placed the order approves or fails it, then the order is
     * told. Not found for anyone else's order, as for a missing one.
     */
    public void authenticateSimulatedOrder(CurrentUser caller, String orderId, boolean approve) {
        OrderRecord row = orders.find(orderId)
                .filter(found -> caller.customerId().filter(found.customerId()::equals).isPresent())
                .orElseThrow(() -> ApiProblems.notFound("Order", orderId));
        answerOnSimulatedPage(row.nextAction() == null ? null : row.nextAction().paymentKey(), approve, "Order",
                orderId);
    }

    /** {@code key}: the charge waiting for the customer as the read model shows it, or null when none waits. */
    private void answerOnSimulatedPage(String key, boolean approve, String resource, String id) {
        if (!simulatedProvider) {
            throw ApiProblems.authenticateAtProvider();
        }
        if (key == null || !authenticationPage.answer(key, approve)) {
            throw ApiProblems.noCustomerAction(resource, id);
        }
        answered(key);
    }
}
