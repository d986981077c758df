package io.perennial.api.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;
import io.perennial.providerevent.ProviderEvent;
import io.perennial.providerevent.ProviderEventKind;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a verified Stripe event into the {@link ProviderEvent} Perennial acts on, from the event's raw data object
 * (so an event of another Stripe API version than the library's still reads). Empty for the types Perennial does not
 * act on. The key of the charge is our {@code perennial_key} metadata on the PaymentIntent (the Stripe adapter sets
 * it); charges and disputes carry the PaymentIntent id instead.
 */
final class StripeEvents {

    static final String KEY = "perennial_key";

    private static final Map<String, ProviderEventKind> KINDS = Map.of(
            "payment_intent.succeeded", ProviderEventKind.PAYMENT_SUCCEEDED,
            "payment_intent.payment_failed", ProviderEventKind.PAYMENT_FAILED,
            "payment_intent.requires_action", ProviderEventKind.PAYMENT_REQUIRES_ACTION,
            "charge.refunded", ProviderEventKind.CHARGE_REFUNDED,
            "charge.dispute.created", ProviderEventKind.DISPUTE_CREATED,
            "charge.dispute.closed", ProviderEventKind.DISPUTE_CLOSED);

    private StripeEvents() {
    }

    static Optional<ProviderEvent> read(Event event) {
        ProviderEventKind kind = KINDS.get(event.getType());
        if (kind == null) {
            return Optional.empty();
        }
        JsonObject object = JsonParser.parseString(event.getDataObjectDeserializer().getRawJson()).getAsJsonObject();
        String key = object.has("metadata") && object.get("metadata").isJsonObject()
                ? text(object.getAsJsonObject("metadata"), KEY) : null;
        String currency = text(object, "currency");
        currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        return Optional.of(switch (kind) {
            case PAYMENT_SUCCEEDED, PAYMENT_FAILED, PAYMENT_REQUIRES_ACTION -> {
                JsonObject error = object.has("last_payment_error") && object.get("last_payment_error").isJsonObject()
                        ? object.getAsJsonObject("last_payment_error") : null;
                String declineCode = text(error, "decline_code") != null ? text(error, "decline_code")
                        : text(error, "code");
                yield new ProviderEvent(event.getId(), kind, key, text(object, "id"), declineCode,
                        number(object, "amount"), currency, null, null, null);
            }
            case CHARGE_REFUNDED -> new ProviderEvent(event.getId(), kind, key, text(object, "payment_intent"), null,
                    number(object, "amount_refunded"), currency, null, null, null);
            case DISPUTE_CREATED -> new ProviderEvent(event.getId(), kind, key, text(object, "payment_intent"), null,
                    number(object, "amount"), currency, text(object, "id"), text(object, "reason"), null);
            // The decision is the dispute's status; its reason was told when it opened.
            case DISPUTE_CLOSED -> new ProviderEvent(event.getId(), kind, key, text(object, "payment_intent"), null,
                    number(object, "amount"), currency, text(object, "id"), text(object, "status"), null);
        });
    }

    private static String text(JsonObject object, String field) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(field);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    private static long number(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || !value.isJsonPrimitive() ? 0 : value.getAsLong();
    }
}
