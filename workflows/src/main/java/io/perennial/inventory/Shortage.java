package io.perennial.inventory;

/** Why a reservation could not be held: of {@code sku}, {@code requested} were asked for, {@code available} free. */
public record Shortage(String sku, int requested, int available) {
}
