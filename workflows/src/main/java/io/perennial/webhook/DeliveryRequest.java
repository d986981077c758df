package io.perennial.webhook;

/** A delivery ({@code whd_…}) of one event to the endpoint, to be attempted now. */
public record DeliveryRequest(String deliveryId) {
}
