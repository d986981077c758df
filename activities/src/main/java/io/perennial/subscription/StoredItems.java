package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * A read-model row's add-ons and scheduled items, read back from their JSON columns: what a subscription event
 * compares the workflow's new state with and shows when it is written from the row.
 */
@Singleton
public class StoredItems {

    /** The add-ons each period bills, and the decrease waiting for the period end (null when none). */
    public record Items(List<AddOnItem> addOns, @Nullable SubscriptionItems scheduled) {
        public static final Items NONE = new Items(List.of(), null);
    }

    private final SubscriptionRecordRepository rows;
    private final ObjectMapper json;

    StoredItems(SubscriptionRecordRepository rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    /** The row's items, or none when there is no row. */
    public Items of(UUID subscriptionId) {
        return rows.findJsonColumnsById(subscriptionId).map(columns -> new Items(
                columns.addOns() == null ? List.of() : read(columns.addOns(), Argument.listOf(AddOnItem.class)),
                columns.scheduledItems() == null ? null
                        : read(columns.scheduledItems(), Argument.of(SubscriptionItems.class))))
                .orElse(Items.NONE);
    }

    private <T> T read(String stored, Argument<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable items of a subscription row", e);
        }
    }
}
