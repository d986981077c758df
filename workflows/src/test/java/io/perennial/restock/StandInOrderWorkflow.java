package io.perennial.restock;

import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderRequest;
import io.perennial.order.OrderState;
import io.perennial.order.Restocked;
import io.perennial.order.ShippingAddress;
import io.perennial.shipping.CarrierEvent;
import io.perennial.order.OrderCancellation;
import io.temporal.workflow.Workflow;

/** A backordered order for restock tests: it waits for one {@code restocked} signal and ends. */
public class StandInOrderWorkflow implements OrderFulfillmentWorkflow {

    private boolean restocked;

    @Override
    public OrderState fulfil(OrderRequest request) {
        Workflow.await(() -> restocked);
        return null;
    }

    @Override
    public void customerActionAnswered(io.perennial.subscription.CustomerActionAnswer answer) {
    }

    @Override
    public void restocked(Restocked restock) {
        restocked = true;
    }

    @Override
    public void carrierEvent(CarrierEvent event) {
    }

    @Override
    public void cancel(OrderCancellation cancellation) {
    }

    @Override
    public OrderState changeAddress(ShippingAddress address) {
        return null;
    }

    @Override
    public void validateAddressChange(ShippingAddress address) {
    }

    @Override
    public OrderState decideRisk(io.perennial.risk.RiskDecision decision) {
        return null;
    }

    @Override
    public void validateRiskDecision(io.perennial.risk.RiskDecision decision) {
    }

    @Override
    public OrderState state() {
        return null;
    }
}
