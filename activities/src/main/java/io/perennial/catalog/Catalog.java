package io.perennial.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.DunningOutcome;
import io.perennial.subscription.IntervalUnit;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Products, plans and plan versions. A plan's interval is fixed; its prices (one per currency), trial and box are
 * versioned: a change creates the next version, new subscribers get it, existing ones keep theirs until migrated.
 * Every write here is one transaction, so a plan never exists without its first version and prices.
 * <p>
 * A version, once committed, never changes (a price change is the next version), so its terms are read from the
 * database once per process and kept; the plan rows (name, active, current version) are read every time, so a
 * deactivated plan or a new version is seen by every API instance at once. A version is kept only when read outside
 * any transaction, so terms that a transaction wrote and then rolled back are never kept.
 */
@Singleton
public class Catalog {

    /** What a plan or a new version is made of, as an admin gave it. */
    public record Terms(List<PlanPrice> prices, @Nullable BillingInterval trial, List<PlanBoxItem> box,
                        @Nullable String note, @Nullable DunningOutcome dunningOutcome) {
        public Terms {
            prices = prices == null ? List.of() : List.copyOf(prices);
            box = box == null ? List.of() : List.copyOf(box);
        }

        public Terms(List<PlanPrice> prices, @Nullable BillingInterval trial, List<PlanBoxItem> box,
                     @Nullable String note) {
            this(prices, trial, box, note, null);
        }
    }

    /** A plan version's terms as committed: never updated, so safe to keep. */
    private record StoredVersion(PlanVersion version, List<PlanPrice> prices, List<PlanBoxItem> box) {
    }

    private final ProductRepository products;
    private final PlanRepository plans;
    private final CatalogConfiguration configuration;
    private final TransactionOperations<Connection> transactions;
    private final Cache<String, StoredVersion> committedVersions = Caffeine.newBuilder().maximumSize(10_000).build();

    public Catalog(ProductRepository products, PlanRepository plans, CatalogConfiguration configuration,
                   TransactionOperations<Connection> transactions) {
        this.products = products;
        this.plans = plans;
        this.configuration = configuration;
        this.transactions = transactions;
    }

    @Transactional
    public Product createProduct(String id, String name, @Nullable String description, PlanKind kind) {
        if (products.existsById(id)) {
            throw new CatalogException(CatalogException.Kind.CONFLICT, "Product " + id + " already exists.", "/id");
        }
        return products.save(new Product(id, name, description, kind, true, java.time.Instant.now()));
    }

    public List<Product> products() {
        return products.findAllInOrder();
    }

    @Transactional
    public PlanOffer createPlan(String id, String productId, String name, BillingInterval interval, Terms terms) {
        Product product = products.findById(productId).filter(Product::active).orElseThrow(() ->
                CatalogException.invalid("/productId", "No active product " + productId + "."));
        requireAllowed(interval.unit(), "/interval/unit");
        check(product.kind(), terms);
        if (plans.insertPlan(id, productId, name, product.kind().name(), interval.unit().name(), interval.count()) == 0) {
            throw new CatalogException(CatalogException.Kind.CONFLICT, "Plan " + id + " already exists.", "/id");
        }
        writeVersion(id, 1, terms);
        return offer(id).orElseThrow();
    }

    /** The next version of a plan: new prices, and the trial and box given (or the current version's). */
    @Transactional
    public PlanOffer addVersion(String planId, Terms terms) {
        int current = plans.lockCurrentVersion(planId).orElseThrow(() ->
                new CatalogException(CatalogException.Kind.NOT_FOUND, "No plan " + planId + ".", null));
        Plan plan = plans.findById(planId).orElseThrow();
        PlanOffer previous = offer(planId, current).orElseThrow();
        Terms next = new Terms(terms.prices(), terms.trial() != null ? terms.trial() : previous.trial(),
                terms.box().isEmpty() ? previous.box() : terms.box(), terms.note(),
                terms.dunningOutcome() != null ? terms.dunningOutcome() : previous.version().dunningOutcome());
        check(plan.kind(), next);
        writeVersion(planId, current + 1, next);
        plans.setCurrentVersion(planId, current + 1);
        return offer(planId, current + 1).orElseThrow();
    }

    @Transactional
    public Plan setActive(String planId, boolean active) {
        if (plans.setActive(planId, active) == 0) {
            throw new CatalogException(CatalogException.Kind.NOT_FOUND, "No plan " + planId + ".", null);
        }
        return plans.findById(planId).orElseThrow();
    }

    /** The version new subscribers get. */
    public Optional<PlanOffer> offer(String planId) {
        return plans.findById(planId).flatMap(plan -> offer(plan, plan.currentVersion()));
    }

    public Optional<PlanOffer> offer(String planId, int version) {
        return plans.findById(planId).flatMap(plan -> offer(plan, version));
    }

    /** Current versions of the plans for sale. */
    public List<PlanOffer> activeOffers() {
        return plans.findActive().stream().map(plan -> offer(plan, plan.currentVersion()).orElseThrow()).toList();
    }

    public List<PlanOffer> allOffers() {
        return plans.findAllInOrder().stream().map(plan -> offer(plan, plan.currentVersion()).orElseThrow()).toList();
    }

    public List<PlanOffer> versions(String planId) {
        Plan plan = plans.findById(planId).orElseThrow(() ->
                new CatalogException(CatalogException.Kind.NOT_FOUND, "No plan " + planId + ".", null));
        return plans.findVersions(planId).stream()
                .map(version -> offer(plan, version.version()).orElseThrow()).toList();
    }

    private Optional<PlanOffer> offer(Plan plan, int version) {
        String key = plan.id() + "#" + version;
        StoredVersion kept = committedVersions.getIfPresent(key);
        if (kept == null) {
            // Only found versions are kept (one missing now may be committed a moment later), and only when read
            // outside a transaction (inside one, they may be this transaction's own uncommitted rows).
            Optional<StoredVersion> found = readVersion(plan.id(), version);
            if (transactions.findTransactionStatus().isEmpty()) {
                found.ifPresent(stored -> committedVersions.put(key, stored));
            }
            kept = found.orElse(null);
        }
        return Optional.ofNullable(kept).map(stored -> new PlanOffer(plan, stored.version(), stored.prices(),
                stored.box()));
    }

    private Optional<StoredVersion> readVersion(String planId, int version) {
        return plans.findVersion(planId, version).map(found -> new StoredVersion(found,
                List.copyOf(plans.findPrices(planId, version)), List.copyOf(plans.findBoxItems(planId, version))));
    }

    private void writeVersion(String planId, int version, Terms terms) {
        BillingInterval trial = terms.trial();
        DunningOutcome outcome = terms.dunningOutcome() == null ? DunningOutcome.CANCEL : terms.dunningOutcome();
        plans.insertVersion(planId, version, trial == null ? null : trial.unit().name(),
                trial == null ? null : trial.count(), terms.note(), outcome.name());
        terms.prices().forEach(price -> plans.insertPrice(planId, version, price.currency(), price.amountMinor()));
        terms.box().forEach(item -> plans.insertBoxItem(planId, version, item.sku(), item.quantity()));
    }

    private void check(PlanKind kind, Terms terms) {
        checkPrices(terms.prices(), "/prices");
        if (terms.trial() != null) {
            requireAllowed(terms.trial().unit(), "/trial/unit");
        }
        if (kind == PlanKind.PHYSICAL && terms.box().isEmpty()) {
            throw CatalogException.invalid("/box", "A physical plan ships a box: list its SKUs.");
        }
        if (kind == PlanKind.DIGITAL && !terms.box().isEmpty()) {
            throw CatalogException.invalid("/box", "A digital plan ships nothing.");
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < terms.box().size(); i++) {
            if (!skus.add(terms.box().get(i).sku())) {
                throw CatalogException.invalid("/box/" + i + "/sku", "SKU " + terms.box().get(i).sku() + " twice.");
            }
        }
    }

    /** At least one price, each in an ISO 4217 currency, none negative, one per currency. */
    static void checkPrices(List<PlanPrice> prices, String pointer) {
        if (prices.isEmpty()) {
            throw CatalogException.invalid(pointer, "At least one price is needed.");
        }
        Set<String> currencies = new HashSet<>();
        for (int i = 0; i < prices.size(); i++) {
            PlanPrice price = prices.get(i);
            if (!isIso4217(price.currency())) {
                throw CatalogException.invalid(pointer + "/" + i + "/currency",
                        price.currency() + " is not an ISO 4217 currency code.");
            }
            if (price.amountMinor() < 0) {
                throw CatalogException.invalid(pointer + "/" + i + "/amountMinor", "A price cannot be negative.");
            }
            if (!currencies.add(price.currency())) {
                throw CatalogException.invalid(pointer + "/" + i + "/currency",
                        "Two prices in " + price.currency() + ".");
            }
        }
    }

    private void requireAllowed(IntervalUnit unit, String pointer) {
        if (unit.subDay() && !configuration.isAllowSubDayIntervals()) {
            throw CatalogException.invalid(pointer, unit + " is for test setups only (perennial.catalog."
                    + "allow-sub-day-intervals); use DAY, WEEK, MONTH or YEAR.");
        }
    }

    private static boolean isIso4217(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
