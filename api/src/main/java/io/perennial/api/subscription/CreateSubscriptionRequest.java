package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.order.OrderRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * @param paymentMethod a payment method token from the provider, e.g. {@code pm_card_visa}
 * @param couponCode    optional coupon or promotion code, redeemed when the subscription starts
 * @param referralCode  optional code of the customer who referred this one
 * @param currency      which of the plan's prices (ISO 4217); optional when the plan has one price
 * @param shippingAddress where the boxes of a physical plan go (the address of an order); required for such a plan
 * @param collectionMethod {@code CHARGE_AUTOMATICALLY} (the default: each invoice is charged to the payment method) or
 *                         {@code SEND_INVOICE} (each invoice is emailed and paid by the customer by its due date)
 * @param daysUntilDue     for {@code SEND_INVOICE} only, and required there: days from sending to the due date
 * @param paymentBehavior  {@code CHARGE_NOW}: answer only once the first charge is known (201 ACTIVE, 402 declined
 *                         with nothing left running, or 201 with a {@code nextAction}); plans without a trial only.
 *                         Absent: answer at once, the first charge following
 * @param quantity         how many units of the plan each period bills (seats, or boxes per period of a box plan),
 *                         1 to 10,000; absent: 1
 * @param addOns           add-ons of the catalogue each period bills on the same invoice, each code once
 */
@Serdeable
public record CreateSubscriptionRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*") String planId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "pm_[A-Za-z0-9_]+") String paymentMethod,
        @Nullable @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_-]+") String couponCode,
        @Nullable @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9_-]+") String referralCode,
        @Nullable @Pattern(regexp = "[A-Z]{3}") String currency,
        @Nullable @Valid OrderRequests.Address shippingAddress,
        @Nullable @Pattern(regexp = "CHARGE_AUTOMATICALLY|SEND_INVOICE") String collectionMethod,
        @Nullable @Min(1) @Max(90) Integer daysUntilDue,
        @Nullable @Pattern(regexp = "CHARGE_NOW") String paymentBehavior,
        @Nullable @Min(1) @Max(10_000) Integer quantity,
        @Nullable @Size(max = 20) List<@NotNull @Valid AddOnChoice> addOns) {

    /** The quantity asked for, 1 when none was. */
    public int quantityOrOne() {
        return quantity == null ? 1 : quantity;
    }
}
