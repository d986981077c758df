package io.perennial.order;

import io.perennial.risk.RiskDecision;
import io.perennial.shipping.CarrierEvent;
import io.perennial.subscription.CustomerActionAnswer;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per order, id {@code order-{orderId}} ({@link io.perennial.temporal.WorkflowIds#order}), on the
 * {@code orders} task queue: reserve stock, charge, book the shipment, follow the carrier to delivery; a saga that
 * undoes every step done when a later one fails or the customer cancels. {@link OrderStartOptions} builds the
 * options to start it with.
 */
@WorkflowInterface
public interface OrderFulfillmentWorkflow {

    /** Runs the order to DELIVERED, CANCELED, CANCELED_BACKORDER or FAILED and returns its final state. */
    @WorkflowMethod
    OrderState fulfil(OrderRequest request);

    /** A tracking event from the carrier (the API's webhook signals it); duplicates and stale events are harmless. */
    @SignalMethod
    void carrierEvent(CarrierEvent event);

    /** Honoured until the shipment is booked; refused (and recorded in the state) after. */
    @SignalMethod
    void cancel(OrderCancellation cancellation);

    /**
     * The customer answered the charge that waits for them ({@link OrderState#nextAction()}); the outcome is read
     * from the provider under the charge's key, so a repeated or stale answer changes nothing.
     */
    @SignalMethod(name = CUSTOMER_ACTION_ANSWERED)
    void customerActionAnswered(CustomerActionAnswer answer);

    /** The name of the {@link #customerActionAnswered} signal (the subscription's too), for callers without it. */
    String CUSTOMER_ACTION_ANSWERED = "customerActionAnswered";

    /** Stock of a SKU arrived: a backordered order waiting for it tries to reserve again. */
    @SignalMethod
    void restocked(Restocked restock);

    /** Ships to another address; only before the shipment is booked. */
    @UpdateMethod
    OrderState changeAddress(ShippingAddress address);

    @UpdateValidatorMethod(updateName = "changeAddress")
    void validateAddressChange(ShippingAddress address);

    /**
     * Ops approve (the order is charged and shipped) or refuse (canceled, stock released, nothing charged) an order
     * waiting in risk review; refused when it is not IN_REVIEW or already decided.
     */
    @UpdateMethod
    OrderState decideRisk(RiskDecision decision);

    @UpdateValidatorMethod(updateName = "decideRisk")
    void validateRiskDecision(RiskDecision decision);

    @QueryMethod
    OrderState state();
}
