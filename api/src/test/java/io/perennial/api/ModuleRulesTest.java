package io.perennial.api;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.perennial.billing.CouponRedeemer;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.CatalogException;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.InventoryException;
import io.perennial.notification.MailSender;
import io.perennial.order.OrderReadModel;
import io.perennial.payment.GatewayOutage;
import io.perennial.payment.PaymentGateway;
import io.perennial.restock.PurchaseOrders;
import io.perennial.restock.RestockTrigger;
import io.perennial.shipping.Carrier;
import io.perennial.shipping.CarrierWebhookConfiguration;
import io.perennial.shipping.CarrierWebhookSignature;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.supply.SupplierGateway;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.client.TemporalConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rule of docs/architecture.md, checked by the build rather than by review.
 * <ul>
 *   <li>The API uses from the activities module only its read side: repositories ({@code *Repository} or
 *       {@code @JdbcRepository}), the records and enums they read and write, and the services named in
 *       {@link #READ_SIDE_SERVICES}, each with why. Never an activity implementation, an adapter to an outside
 *       system, or a workflow implementation: the API starts, signals, updates and queries workflows; it never runs
 *       their logic.</li>
 *   <li>Workflow code depends on no Micronaut, JDBC, activities or Temporal-client class: it is plain, deterministic
 *       Java on the Temporal SDK.</li>
 * </ul>
 * Each module is read from where its classes were loaded (target/classes or the module's jar), so the rules see
 * exactly the main code of api, activities, temporal-client and workflows.
 */
class ModuleRulesTest {

    /**
     * The activities-module services the API may use beyond repositories and records: the exceptions to the read side,
     * each with why it is legitimate. Adding one here is a design decision; say why.
     */
    static final Map<Class<?>, String> READ_SIDE_SERVICES = Map.ofEntries(
            Map.entry(Catalog.class, "the catalog's store: plan offers the API reads, and the products, plans and "
                    + "versions ops create (data entry, no process behind it)"),
            Map.entry(CatalogException.class, "what Catalog throws for a change it refuses; mapped to a 4xx problem"),
            Map.entry(io.perennial.catalog.AddOnCatalogue.class, "the add-ons admins define (a price per currency, "
                    + "the plans they are for) and the API reads when a subscription takes one: data entry, like "
                    + "the catalog"),
            Map.entry(OrderReadModel.class, "reads of the orders read model, and the sign-up row the API writes so a "
                    + "new order reads at once (the workflow's first record replaces it)"),
            Map.entry(Inventory.class, "stock levels, movements and suppliers the API reads; an ops count or a new "
                    + "SKU/supplier is data entry, not an activity"),
            Map.entry(InventoryException.class, "what Inventory throws for an unknown SKU or stock below reserved"),
            Map.entry(PurchaseOrders.class, "reads of purchase orders and their receipts (a receipt itself is a "
                    + "signal to the restock workflow)"),
            Map.entry(RestockTrigger.class, "signal-with-start of restock-{sku} after an ops count takes stock low: "
                    + "starting a workflow is the API's job, and the inventory activity starts it the same way"),
            Map.entry(CouponRedeemer.class, "redeems a sign-up coupon before the workflow starts, under the key the "
                    + "workflow redeems it with (idempotent), so a coupon that ran out is refused with 409, not "
                    + "silently dropped"),
            Map.entry(GatewayOutage.class, "the operator switch of the simulated provider: a PostgreSQL row ops flip; "
                    + "the API never calls the gateway itself"),
            Map.entry(CarrierWebhookSignature.class, "verifies the HMAC of an inbound carrier webhook (the simulated "
                    + "carrier signs with the same class)"),
            Map.entry(CarrierWebhookConfiguration.class, "the carrier webhook's shared secret and tolerance"),
            Map.entry(io.perennial.billing.BankTransfers.class, "records an incoming bank transfer from the bank "
                    + "statement and matches it to the invoice it pays in one transaction (data entry ops make, like "
                    + "an inventory count); the API then signals the workflow, which reads the ledger itself"),
            Map.entry(io.perennial.reconciliation.DriftReports.class, "reads of the reconciliation sweep's drift "
                    + "reports, each run with its findings (the sweep itself is a workflow the worker runs)"),
            Map.entry(io.perennial.reconciliation.DriftReports.Report.class, "a run and its findings, as "
                    + "DriftReports reads them"),
            Map.entry(io.perennial.webhook.WebhookEventTypes.class, "the catalogue of event types an endpoint may "
                    + "subscribe to, checked when an admin registers one"),
            Map.entry(io.perennial.webhook.WebhookUrlGuard.class, "the SSRF check of an endpoint URL at "
                    + "registration (the delivery activity checks again before every attempt)"),
            Map.entry(io.perennial.webhook.WebhookSignature.class, "makes an endpoint's whsec_ signing secret "
                    + "(the activity signs with the same class)"),
            Map.entry(io.perennial.webhook.WebhookConfiguration.class, "the default overlap of a secret rotation "
                    + "and whether local URLs are allowed"),
            Map.entry(io.perennial.webhook.WebhookOutbox.class, "a replay creates the deliveries an endpoint "
                    + "lacks for the window, as the relay would have; the worker's relay hands them over"),
            Map.entry(io.perennial.points.MemberPoints.class, "the member points ledger: balance and history reads, "
                    + "a customer's redemption into account credit and an ops adjustment, each one transaction under "
                    + "the customer's lock with no process or outside system behind it; points are earned and taken "
                    + "back by the activities that record payments, deliveries and refunds"),
            Map.entry(io.perennial.points.PointsConfiguration.class, "the earning rate and redemption block the "
                    + "points routes state"),
            Map.entry(io.perennial.points.NotEnoughPoints.class, "what a redemption beyond the balance throws; "
                    + "mapped to a 422 problem"),
            Map.entry(io.perennial.points.PointsClock.class, "business time of API-side point entries (the test "
                    + "clock in the embedded mode, as the simulated carrier's clock is), so they expire on the clock "
                    + "renewals run on"),
            Map.entry(io.perennial.recommendation.Recommendations.class, "reads of the recommendations the refresh "
                    + "workflow computes"),
            Map.entry(io.perennial.recommendation.RecommendationLedger.class, "the batched insert of storefront "
                    + "behaviour, one statement a batch (no workflow per event, as the issue asks)"),
            Map.entry(io.perennial.billing.AccountCreditLedger.class, "reads of a customer's credit balance and "
                    + "entries, and an ops adjustment with a reason (audited), one transaction"),
            Map.entry(io.perennial.customer.BillingProfiles.class, "saves the customer's billing profile after "
                    + "checking its VAT id's shape and asking the VAT registry (VIES) through its port, while the "
                    + "customer waits for the answer (like WebhookUrlGuard at registration); a registry that cannot "
                    + "answer leaves the id unverified rather than failing the request"),
            Map.entry(io.perennial.customer.BillingProfiles.Refused.class, "what BillingProfiles throws for a "
                    + "profile it refuses; mapped to a 400 or 422 problem with the field"),
            Map.entry(io.perennial.billing.CreditNotes.class, "an admin's credit note against an invoice: its gapless "
                    + "number, the account credit or reduced amount due, and its event, in one transaction under the "
                    + "invoice's lock (data entry with no process behind it, like BankTransfers); a refund it asks "
                    + "for is a PeriodRefundWorkflow the API starts"),
            Map.entry(io.perennial.billing.CreditNotes.Refused.class, "what CreditNotes throws for a credit note "
                    + "it refuses; mapped to a 404, 409 or 422 problem"),
            Map.entry(io.perennial.billing.InvoiceTaxes.class, "the tax an invoice of a subscription would have, "
                    + "asked exactly as the issuer asks it, for the upcoming-invoice preview (a read: nothing is "
                    + "stored)"),
            Map.entry(io.perennial.event.EventLog.class, "writes customer.created in the registration's own "
                    + "transaction and customer.deleted in the deletion's: customers are created and deleted by the "
                    + "API, not by an activity (the outbox rule: an event commits with its change)"),
            Map.entry(MailSender.class, "the password-reset mail only (PasswordResets, and no other class: "
                    + "theMailPortIsUsedOnlyForThePasswordResetLink): its one-time link is a secret, so it is handed "
                    + "straight to the mail port instead of being stored in clear in the notification outbox or a "
                    + "workflow's history; a lost mail is asked for again"),
            Map.entry(io.perennial.event.EventObjects.class, "the customer.created event's object, in the shape "
                    + "every other event object is built in"));

    /** The ports to outside systems: neither they nor their adapters are for the API. */
    private static final Set<Class<?>> PORTS = Set.of(PaymentGateway.class, SupplierGateway.class, Carrier.class,
            MailSender.class);

    private static final JavaClasses API = moduleOf(ApiApplication.class);
    private static final JavaClasses ACTIVITIES = moduleOf(SubscriptionRecordRepository.class);
    private static final JavaClasses TEMPORAL_CLIENT = moduleOf(TemporalConfiguration.class);
    private static final JavaClasses WORKFLOWS = moduleOf(TaskQueues.class);

    @Test
    void theApiUsesOnlyTheReadSideOfTheActivitiesModule() {
        noClasses().should().dependOnClassesThat(in("activities", ACTIVITIES).and(notReadSide()))
                .because("the API reads repositories and records of the activities module and the services named "
                        + "in ModuleRulesTest.READ_SIDE_SERVICES, nothing else (docs/architecture.md, module rule)")
                .check(API);
    }

    @Test
    void theApiNeverUsesAnActivityImplementationAnOutsideSystemAdapterOrAWorkflowImplementation() {
        DescribedPredicate<JavaClass> adapter = in("activities", ACTIVITIES)
                .and(simpleNameStartingWith("Simulated").or(outsideSystemAdapter()));
        noClasses().should().dependOnClassesThat(simpleNameEndingWith("ActivitiesImpl")
                        .or(simpleNameEndingWith("WorkflowImpl")).or(adapter))
                .because("the API starts, signals, updates and queries workflows; their logic, their activities "
                        + "and the outside systems those call run in the worker")
                .check(API);
    }

    @Test
    void everyNamedReadSideServiceIsAnActivitiesClassTheApiStillUses() {
        Set<String> used = API.stream()
                .flatMap(javaClass -> javaClass.getDirectDependenciesFromSelf().stream())
                .map(Dependency::getTargetClass)
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        // An exception nobody needs any more, or for a class that left the module, is a hole in the rule.
        assertThat(used).containsAll(READ_SIDE_SERVICES.keySet().stream().map(Class::getName).toList());
        assertThat(READ_SIDE_SERVICES.keySet()).allMatch(ACTIVITIES::contain);
    }

    @Test
    void workflowCodeDependsOnNoFrameworkJdbcActivitiesOrTemporalClientClass() {
        noClasses().should().dependOnClassesThat(
                        resideInAnyPackage("io.micronaut..", "jakarta.inject..", "jakarta.persistence..", "java.sql..",
                                "javax.sql..", "org.postgresql..", "com.zaxxer..")
                                .or(in("activities", ACTIVITIES)).or(in("temporal-client", TEMPORAL_CLIENT)))
                .because("workflow code is plain deterministic Java on the Temporal SDK (STYLE.md, habit 3)")
                .check(WORKFLOWS);
    }

    private static JavaClasses moduleOf(Class<?> anchor) {
        return new ClassFileImporter().importUrl(anchor.getProtectionDomain().getCodeSource().getLocation());
    }

    private static DescribedPredicate<JavaClass> in(String moduleName, JavaClasses module) {
        Set<String> names = module.stream().map(JavaClass::getName).collect(Collectors.toSet());
        return DescribedPredicate.describe("are in the " + moduleName + " module",
                javaClass -> names.contains(javaClass.getName()));
    }

    /** Judged on the activities module's own import of the class, which knows its annotations and supertypes. */
    private static DescribedPredicate<JavaClass> notReadSide() {
        Set<String> named = READ_SIDE_SERVICES.keySet().stream().map(Class::getName).collect(Collectors.toSet());
        return DescribedPredicate.describe("are not a repository, a record or enum, or a named read-side service",
                target -> {
                    JavaClass own = ACTIVITIES.get(target.getName());
                    boolean repository = own.getSimpleName().endsWith("Repository")
                            || own.isAnnotatedWith("io.micronaut.data.jdbc.annotation.JdbcRepository");
                    boolean entity = (own.isRecord() || own.isEnum())
                            && !own.isAnnotatedWith("io.micronaut.context.annotation.ConfigurationProperties");
                    return !(repository || entity || named.contains(own.getName()));
                });
    }

    private static DescribedPredicate<JavaClass> outsideSystemAdapter() {
        return DescribedPredicate.describe("are a port to an outside system or its adapter " + PORTS
                        + " (but the MailSender port itself, which theMailPortIsUsedOnlyForThePasswordResetLink keeps "
                        + "to one class)",
                target -> !target.getName().equals(MailSender.class.getName())
                        && Stream.of(ACTIVITIES.get(target.getName()))
                        .anyMatch(own -> PORTS.stream().anyMatch(own::isAssignableTo)));
    }

    @Test
    void theMailPortIsUsedOnlyForThePasswordResetLink() {
        // PasswordResets and the bean definitions Micronaut generates for it ($PasswordResets$Definition...).
        noClasses().that().haveNameNotMatching("io\\.perennial\\.api\\.auth\\.\\$?PasswordResets(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName(MailSender.class.getName())
                .because("customer mail goes through the notification outbox and its activity; only the reset "
                        + "link, a secret, is mailed directly (READ_SIDE_SERVICES says why)")
                .check(API);
    }
}
