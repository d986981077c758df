package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.order.OrderRequests;

/**
 * The portal's forms as posted (application/x-www-form-urlencoded). Every field may be missing, since a browser
 * or a hostile client sends what it likes; the services check what they take. Each carries the CSRF field, which
 * Micronaut Security has already checked before the controller runs.
 */
public final class PortalForms {

    private PortalForms() {
    }

    /** A posted form: its CSRF token, checked by {@link CsrfCheckInterceptor} before the controller runs. */
    public interface Form {
        @Nullable
        String csrfToken();
    }

    @Serdeable
    public record SignIn(@Nullable String email, @Nullable String password, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record SignUp(@Nullable String name, @Nullable String email, @Nullable String password,
                         @Nullable String csrfToken) implements Form {
    }

    /** The customer's answer to the bank's authentication: {@code approve} "true" or anything else (refuse). */
    @Serdeable
    public record PaymentAnswer(@Nullable String approve, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record Profile(@Nullable String name, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword,
                                 @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record ForgotPassword(@Nullable String email, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record PasswordReset(@Nullable String token, @Nullable String newPassword, @Nullable String csrfToken)
            implements Form {
    }

    @Serdeable
    public record DeleteAccount(@Nullable String confirm, @Nullable String csrfToken) implements Form {
    }

    /**
     * {@code idempotencyKey} is minted when the plans page is rendered, one per form, so the same form submitted twice
     * subscribes once (the JSON API's Idempotency-Key).
     */
    @Serdeable
    public record Subscribe(@Nullable String currency, @Nullable String paymentMethod, @Nullable String couponCode,
                            @Nullable String idempotencyKey, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    public record PlanChange(@Nullable String planId, @Nullable String csrfToken) implements Form {
    }

    @Serdeable
    /** {@code offer=declined} once the subscriber has turned the retention offer down (or was shown none). */
    public record Cancel(@Nullable String reason, @Nullable String offer, @Nullable String csrfToken)
            implements Form {
    }

    @Serdeable
    public record Coupon(@Nullable String code, @Nullable String csrfToken) implements Form {
    }

    /** A card to save: one of the offered test cards' tokens, and an optional label of the customer's own. */
    @Serdeable
    public record NewCard(@Nullable String card, @Nullable String label, @Nullable String csrfToken) implements Form {
    }

    /** The card a subscription charges from now on: a saved method's id or a test card's token. */
    @Serdeable
    public record ChangeCard(@Nullable String paymentMethod, @Nullable String csrfToken) implements Form {
    }

    /** A box plan's shipping address; the country code is taken in either case. */
    @Serdeable
    public record Address(@Nullable String recipient, @Nullable String line1, @Nullable String line2,
                          @Nullable String city, @Nullable String postalCode, @Nullable String countryCode,
                          @Nullable String csrfToken) implements Form {
        /** The API's body, blanks as missing, so its validation answers as for a JSON client. */
        OrderRequests.Address toRequest() {
            return new OrderRequests.Address(orNull(recipient), orNull(line1), orNull(line2), orNull(city),
                    orNull(postalCode), orNull(text(countryCode).toUpperCase(java.util.Locale.ROOT)));
        }
    }

    /** How many days to delay the next box by, and which box (its period) the page showed. */
    @Serdeable
    public record Delay(@Nullable String days, @Nullable String period, @Nullable String csrfToken) implements Form {
    }

    /**
     * A change of seats or of one add-on, as the API's items request: either {@code quantity}, or {@code addOn}
     * with {@code addOnQuantity} (0 removes it).
     */
    @Serdeable
    public record Items(@Nullable String quantity, @Nullable String addOn, @Nullable String addOnQuantity,
                        @Nullable String csrfToken) implements Form {
    }

    /** A form with nothing but its CSRF token (pause, resume, uncancel, sign out). */
    @Serdeable
    public record Action(@Nullable String csrfToken) implements Form {
    }

    /** Pay a sent invoice by a redirect method: {@code alipay} or {@code wechat_pay}. */
    @Serdeable
    public record PayInvoice(@Nullable String method, @Nullable String csrfToken) implements Form {
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value.trim();
    }

    static String orNull(@Nullable String value) {
        return text(value).isEmpty() ? null : value.trim();
    }
}
