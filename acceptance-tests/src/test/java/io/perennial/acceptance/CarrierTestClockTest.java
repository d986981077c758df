package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the embedded mode the simulated carrier's clock is the test clock: with an hour between tracking events, a
 * parcel waits for real, and advancing the test clock five hours delivers it, webhooks and all.
 */
@PlatformTest(ownPlatform = true, properties = "perennial.carrier.simulated.event-delays=PT1H,PT1H,PT1H,PT1H")
class CarrierTestClockTest {

    private ApiSession api;

    @Test
    void advancingTheTestClockMovesTheParcelAlong() throws InterruptedException {
        String customer = api.newCustomer();
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String id = (String) api.post(customer, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 CJ", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + id),
                view -> "SHIPMENT_BOOKED".equals(view.get("status")), Duration.ofSeconds(20));
        Thread.sleep(3_000);
        assertThat(api.get(customer, "/v1/orders/" + id)).as("an hour of the carrier's clock has not passed")
                .containsEntry("status", "SHIPMENT_BOOKED");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT5H"));
        ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + id),
                view -> "DELIVERED".equals(view.get("status")), Duration.ofSeconds(30));
    }
}
