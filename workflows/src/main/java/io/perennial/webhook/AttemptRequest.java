package io.perennial.webhook;

/** One attempt ({@code attempt} counts from 1) of a delivery; the activity signs and sends it, and records it. */
public record AttemptRequest(String endpointId, String deliveryId, int attempt) {
}
