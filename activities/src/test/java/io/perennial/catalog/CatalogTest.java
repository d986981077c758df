package io.perennial.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import io.perennial.subscription.PlanTerms;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTest implements TestPropertyProvider {

    @Inject
    Catalog catalog;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.catalog.allow-sub-day-intervals", "false");
        return properties;
    }

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theDemoPlansAreVersionOneOfTheirFormerRows() {
        PlanOffer monthly = catalog.offer("plan_digital_monthly").orElseThrow();
        assertThat(monthly.version().version()).isEqualTo(1);
        assertThat(monthly.prices()).containsExactly(new PlanPrice("EUR", 1299));
        assertThat(monthly.trial()).isEqualTo(new BillingInterval(IntervalUnit.DAY, 14));
        PlanTerms terms = monthly.terms(monthly.prices().get(0));
        assertThat(terms.trialDays()).isEqualTo(14);
        assertThat(terms.version()).isEqualTo(1);
        assertThat(terms.physical()).isFalse();
    }

    @Test
    void aPhysicalPlanHasPricesPerCurrencyAndABoxAndANewVersionLeavesTheOldOneIntact() {
        Product coffee = catalog.createProduct(id("coffee"), "Coffee club", "Beans every quarter", PlanKind.PHYSICAL);
        String planId = id("plan_coffee_quarterly");
        PlanOffer v1 = catalog.createPlan(planId, coffee.id(), "Coffee, every 3 months",
                new BillingInterval(IntervalUnit.MONTH, 3), new Catalog.Terms(
                        List.of(new PlanPrice("EUR", 4500), new PlanPrice("USD", 4900), new PlanPrice("JPY", 7000)),
                        null, List.of(new PlanBoxItem("COFFEE-250G", 3)), null));
        assertThat(v1.plan().kind()).isEqualTo(PlanKind.PHYSICAL);
        assertThat(v1.prices()).extracting(PlanPrice::currency).containsExactly("EUR", "JPY", "USD");

        PlanOffer v2 = catalog.addVersion(planId, new Catalog.Terms(
                List.of(new PlanPrice("EUR", 4900), new PlanPrice("USD", 5400)), null, List.of(), "Price rise 2027"));
        assertThat(v2.version().version()).isEqualTo(2);
        assertThat(v2.box()).as("the box carries over").containsExactly(new PlanBoxItem("COFFEE-250G", 3));
        assertThat(catalog.offer(planId).orElseThrow().version().version()).isEqualTo(2);
        assertThat(catalog.offer(planId, 1).orElseThrow().price("EUR")).contains(new PlanPrice("EUR", 4500));
        assertThat(catalog.versions(planId)).extracting(offer -> offer.version().version(),
                offer -> offer.price("EUR").orElseThrow().amountMinor())
                .containsExactly(tuple(1, 4500L), tuple(2, 4900L));

        PlanTerms terms = v2.terms(v2.price("USD").orElseThrow());
        assertThat(terms.box()).extracting(item -> item.sku()).containsExactly("COFFEE-250G");
        assertThat(terms.interval()).isEqualTo(new BillingInterval(IntervalUnit.MONTH, 3));
    }

    @Test
    void concurrentPriceChangesGetConsecutiveVersionNumbers() throws InterruptedException {
        String planId = id("plan_race");
        catalog.createPlan(planId, "prod_digital", "Race", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 1000)), null, List.of(), null));

        List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(6, i -> catalog.addVersion(planId,
                new Catalog.Terms(List.of(new PlanPrice("EUR", 1001 + i)), null, List.of(), null)).version().version());

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes).extracting(Concurrently.Outcome::value).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
        assertThat(catalog.offer(planId).orElseThrow().version().version()).isEqualTo(7);
    }

    @Test
    void termsReadInsideATransactionThatRollsBackAreNeverServedAfterwards() {
        String planId = id("plan_rolled_back");
        assertThatThrownBy(() -> transactions.executeWrite(status -> {
            catalog.createPlan(planId, "prod_digital", "Rolled back", BillingInterval.monthly(),
                    new Catalog.Terms(List.of(new PlanPrice("EUR", 111)), null, List.of(), null));
            assertThat(catalog.offer(planId).orElseThrow().prices()).containsExactly(new PlanPrice("EUR", 111));
            throw new IllegalStateException("the admin's request failed after the plan was written");
        })).hasMessageContaining("failed after the plan was written");

        catalog.createPlan(planId, "prod_digital", "Written again", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 222)), null, List.of(), null));

        assertThat(catalog.offer(planId).orElseThrow().prices()).containsExactly(new PlanPrice("EUR", 222));
        assertThat(catalog.offer(planId, 1).orElseThrow().prices()).containsExactly(new PlanPrice("EUR", 222));
    }

    @Test
    void aDeactivatedPlanAndANewVersionAreSeenAtOnceThoughTheTermsAreKept() {
        String planId = id("plan_kept");
        catalog.createPlan(planId, "prod_digital", "Kept", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 500)), null, List.of(), null));
        assertThat(catalog.activeOffers()).extracting(offer -> offer.plan().id()).contains(planId);

        catalog.addVersion(planId, new Catalog.Terms(List.of(new PlanPrice("EUR", 600)), null, List.of(), null));
        assertThat(catalog.offer(planId).orElseThrow().price("EUR")).contains(new PlanPrice("EUR", 600));

        catalog.setActive(planId, false);
        assertThat(catalog.activeOffers()).extracting(offer -> offer.plan().id()).doesNotContain(planId);
        assertThat(catalog.offer(planId).orElseThrow().plan().active()).isFalse();
    }

    @Test
    void plansThatCannotBeBilledAreRefusedWithTheFieldAtFault() {
        String digital = "prod_digital";
        assertInvalid(() -> catalog.createPlan(id("p"), digital, "No price", BillingInterval.monthly(),
                new Catalog.Terms(List.of(), null, List.of(), null)), "/prices");
        assertInvalid(() -> catalog.createPlan(id("p"), digital, "Bad currency", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUX", 100)), null, List.of(), null)), "/prices/0/currency");
        assertInvalid(() -> catalog.createPlan(id("p"), digital, "Twice", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100), new PlanPrice("EUR", 200)), null, List.of(),
                        null)), "/prices/1/currency");
        assertInvalid(() -> catalog.createPlan(id("p"), digital, "Digital box", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100)), null, List.of(new PlanBoxItem("MUG", 1)),
                        null)), "/box");
        assertInvalid(() -> catalog.createPlan(id("p"), digital, "Seconds", new BillingInterval(IntervalUnit.SECOND, 10),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100)), null, List.of(), null)), "/interval/unit");
        assertInvalid(() -> catalog.createPlan(id("p"), "prod_nope", "Orphan", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100)), null, List.of(), null)), "/productId");

        Product box = catalog.createProduct(id("box"), "Box", null, PlanKind.PHYSICAL);
        assertInvalid(() -> catalog.createPlan(id("p"), box.id(), "Empty box", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100)), null, List.of(), null)), "/box");

        assertThatThrownBy(() -> catalog.createPlan("plan_digital_monthly", digital, "Again", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 100)), null, List.of(), null)))
                .isInstanceOfSatisfying(CatalogException.class,
                        e -> assertThat(e.kind()).isEqualTo(CatalogException.Kind.CONFLICT));
        assertThat(catalog.offer("plan_digital_monthly").orElseThrow().prices())
                .containsExactly(new PlanPrice("EUR", 1299));
    }

    private static void assertInvalid(Runnable change, String pointer) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(CatalogException.class, e -> {
            assertThat(e.kind()).isEqualTo(CatalogException.Kind.INVALID);
            assertThat(e.pointer()).isEqualTo(pointer);
        });
    }
}
