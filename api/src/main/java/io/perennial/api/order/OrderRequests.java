package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.order.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What customers send about orders. Shapes are checked here; SKUs, prices and countries by the service. */
public final class OrderRequests {

    private OrderRequests() {
    }

    /**
     * A one-off order. There is no price in it: the total comes from the SKUs' prices on our side.
     *
     * @param paymentMethod a payment method token from the provider, e.g. {@code pm_card_visa}
     */
    @Serdeable
    public record PlaceOrder(
            @NotEmpty @Size(max = 20) @Valid List<@NotNull @Valid Line> lines,
            @NotNull @Valid Address shippingAddress,
            @NotBlank @Size(max = 128) @Pattern(regexp = "pm_[A-Za-z0-9_]+") String paymentMethod) {
    }

    /** @param quantity 1 to 99 of the SKU */
    @Serdeable
    public record Line(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{0,63}") String sku,
            @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    /** @param countryCode ISO 3166-1 alpha-2, e.g. {@code NL} */
    @Serdeable
    public record Address(
            @NotBlank @Size(max = 200) String recipient,
            @NotBlank @Size(max = 200) String line1,
            @Nullable @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String countryCode) {

        public ShippingAddress toShippingAddress() {
            return new ShippingAddress(recipient.trim(), line1.trim(), line2 == null || line2.isBlank() ? null
                    : line2.trim(), city.trim(), postalCode.trim(), countryCode);
        }

        public static Address of(ShippingAddress address) {
            return new Address(address.recipient(), address.line1(), address.line2(), address.city(),
                    address.postalCode(), address.countryCode());
        }
    }

    /** Why the customer cancels; optional. */
    @Serdeable
    public record Cancel(@Nullable @Size(max = 500) String reason) {
    }
}
