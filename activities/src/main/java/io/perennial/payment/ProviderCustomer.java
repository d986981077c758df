package io.perennial.payment;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A Perennial customer's customer object at a payment provider ({@code provider_customers}). */
@MappedEntity("provider_customers")
public record ProviderCustomer(@Id String providerCustomerId, String provider, UUID customerId) {
}
