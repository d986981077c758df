package io.perennial.launcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanKind;
import io.perennial.inventory.Inventory;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Something to order in the embedded mode, as the demo plans are something to subscribe to: a physical product,
 * its supplier and a SKU with a price and stock. Outside the embedded mode an admin sets up what is sold.
 */
@Singleton
@Requires(env = "embedded")
public class DemoStock {
    public static final String PRODUCT = "prod_demo_coffee";
    public static final String SUPPLIER = "demo-roaster";
    public static final String SKU = "DEMO-BEANS-250";
    public static final long UNIT_PRICE_MINOR = 1250;
    public static final String CURRENCY = "EUR";

    private final Catalog catalog;
    private final Inventory inventory;

    public DemoStock(Catalog catalog, Inventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    @EventListener
    void seed(StartupEvent event) {
        // With an external Temporal the embedded database outlives the process: seed once.
        if (inventory.level(SKU).isPresent()) {
            return;
        }
        if (catalog.products().stream().noneMatch(product -> product.id().equals(PRODUCT))) {
            catalog.createProduct(PRODUCT, "Demo coffee", "Whole beans, 250 g", PlanKind.PHYSICAL);
        }
        if (inventory.supplier(SUPPLIER).isEmpty()) {
            inventory.createSupplier(SUPPLIER, "Demo roaster", Duration.ofDays(3));
        }
        inventory.createSku(new Inventory.NewSku(SKU, PRODUCT, "Demo coffee beans 250 g", 10_000, 100, 1_000,
                SUPPLIER, null, UNIT_PRICE_MINOR, CURRENCY), "embedded-demo");
    }
}
