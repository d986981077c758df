package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tax on invoices, company customers with reverse charge, credit notes and the upcoming invoice, through the API.
 * Each test sells its own product with a tax category of its own, so the rates it configures tax nobody else's
 * invoices on the shared platform.
 */
@PlatformTest
class TaxAndCreditNotesApiTest {

    static final String PROBLEMS = "https://perennial.dev/problems/";
    static final Map<String, Object> PARIS = Map.of("line1", "1 rue de Rivoli", "city", "Paris",
            "postalCode", "75001", "country", "FR");

    private TestPlatform platform;
    private ApiSession api;
    private String admin;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    /** A product of its own category with a monthly EUR plan at {@code amountMinor}; returns the plan id. */
    String plan(String category, long amountMinor, String taxBehavior) {
        String id = category + "-" + taxBehavior.toLowerCase();
        api.post(admin, "/v1/admin/products", Map.of("id", id, "name", "Product " + id, "kind", "DIGITAL"));
        api.put(admin, "/v1/admin/products/" + id + "/tax", Map.of("taxCategory", category));
        api.post(admin, "/v1/admin/plans", Map.of("id", "plan_" + id, "productId", id, "name", "Plan " + id,
                "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", amountMinor))));
        assertThat(api.put(admin, "/v1/admin/plans/plan_" + id + "/tax", Map.of("taxBehavior", taxBehavior))
                .body()).containsEntry("taxBehavior", taxBehavior);
        return "plan_" + id;
    }

    static String category() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    Map<String, Object> rate(String country, String category, String percent) {
        return api.post(admin, "/v1/admin/tax-rates", Map.of("country", country, "taxCategory", category,
                "name", "VAT", "ratePercent", new java.math.BigDecimal(percent),
                "validFrom", "2000-01-01T00:00:00Z")).body();
    }

    String customerIn(Map<String, Object> address) {
        String customer = api.newCustomer();
        api.put(customer, "/v1/customers/me/billing-profile", Map.of("kind", "INDIVIDUAL", "address", address));
        return customer;
    }

    /** Subscribes and waits for the first invoice to be paid; returns it. */
    Map<String, Object> firstInvoice(String customer, String planId) {
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa")).body().get("id");
        return ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id + "/invoices"),
                invoices -> !invoices.isEmpty() && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(20)).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> taxLine(Map<String, Object> invoice) {
        return ((List<Map<String, Object>>) invoice.get("taxLines")).get(0);
    }

    @Test
    void anExclusivePlanIsChargedItsPriceWithTaxAndTheInvoiceShowsTheTaxLine() {
        String category = category();
        rate("FR", category, "20");
        String customer = customerIn(PARIS);

        Map<String, Object> invoice = firstInvoice(customer, plan(category, 999, "EXCLUSIVE"));

        // 999 × 20 % = 199.8 → 200; the charge includes it.
        assertThat(invoice).containsEntry("subtotalMinor", 999).containsEntry("taxMinor", 200)
                .containsEntry("amountMinor", 1199).containsEntry("totalMinor", 1199)
                .containsEntry("taxBehavior", "EXCLUSIVE").containsEntry("reverseCharge", false);
        assertThat(taxLine(invoice)).containsEntry("country", "FR").containsEntry("taxableMinor", 999)
                .containsEntry("taxMinor", 200).containsEntry("ratePercent", 20);
        List<Map<String, Object>> payments = api.list(customer, "/v1/subscriptions/" + invoice.get("subscriptionId")
                + "/payments");
        assertThat(payments).extracting(payment -> payment.get("amountMinor")).containsExactly(1199);
    }

    @Test
    void anInclusivePlanChargesItsPriceAndShowsTheTaxItContainsRoundedHalfUp() {
        String category = category();
        rate("FR", category, "20");

        Map<String, Object> invoice = firstInvoice(customerIn(PARIS), plan(category, 999, "INCLUSIVE"));

        // 999 × 20 / 120 = 166.5 → 167 (half-up); the net is 832 and the customer pays the price.
        assertThat(invoice).containsEntry("taxMinor", 167).containsEntry("totalMinor", 999);
        assertThat(taxLine(invoice)).containsEntry("taxableMinor", 832);
    }

    @Test
    void aCouponLowersTheTaxableAmountAndTheChargeIncludesTheTaxOnTheRest() {
        String category = category();
        rate("FR", category, "20");
        String code = category.toUpperCase();
        api.post(admin, "/v1/admin/coupons", Map.of("code", code, "name", "Quarter off",
                "percentOffBasisPoints", 2500, "duration", "FOREVER"));
        String customer = customerIn(PARIS);
        String id = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", plan(category, 2000,
                "EXCLUSIVE"), "paymentMethod", "pm_card_visa", "couponCode", code)).body().get("id");

        Map<String, Object> invoice = ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id
                + "/invoices"), invoices -> !invoices.isEmpty() && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(20)).get(0);

        // PLAN 2000, DISCOUNT -500: 1500 taxable, 300 tax, 1800 charged (docs/billing.md, the coupon example).
        assertThat(invoice).containsEntry("subtotalMinor", 1500).containsEntry("taxMinor", 300)
                .containsEntry("totalMinor", 1800);
        assertThat(taxLine(invoice)).containsEntry("taxableMinor", 1500);
    }

    @Test
    void withNoRateForTheCustomersCountryTheInvoiceIsAsBeforeTax() {
        String category = category();
        rate("FR", category, "20");

        Map<String, Object> invoice = firstInvoice(customerIn(Map.of("line1", "1 Main St", "city", "Austin",
                "country", "US")), plan(category, 999, "EXCLUSIVE"));

        assertThat(invoice).containsEntry("taxMinor", 0).containsEntry("totalMinor", 999)
                .containsEntry("taxLines", List.of());
    }

    @Test
    void aCompanyWithAVerifiedVatIdOfAnotherMemberStateIsReverseCharged() {
        String category = category();
        rate("FR", category, "20");
        String customer = api.newCustomer();
        Map<String, Object> profile = api.put(customer, "/v1/customers/me/billing-profile", Map.of("kind", "COMPANY",
                "legalName", "Exemple SARL", "address", PARIS, "taxId", "fr 12 345678901")).body();
        assertThat(profile).containsEntry("taxId", "FR12345678901").containsEntry("taxIdStatus", "VERIFIED");

        Map<String, Object> invoice = firstInvoice(customer, plan(category, 999, "EXCLUSIVE"));

        assertThat(invoice).containsEntry("reverseCharge", true).containsEntry("taxMinor", 0)
                .containsEntry("totalMinor", 999).containsEntry("customerTaxId", "FR12345678901");
        assertThat((String) invoice.get("taxNote")).startsWith("Reverse charge");
    }

    @Test
    void aVatIdOfTheWrongShapeOrNotRegisteredIsAProblemAndAnUnavailableRegistryLeavesItUnverified() {
        String customer = api.newCustomer();
        String path = "/v1/customers/me/billing-profile";

        HttpClientResponseException shape = api.failure(() -> api.put(customer, path, Map.of("kind", "COMPANY",
                "legalName", "Beispiel GmbH", "address", Map.of("line1", "Unter den Linden 1", "city", "Berlin",
                        "country", "DE"), "taxId", "DE12345")));
        assertThat(shape.code()).isEqualTo(400);
        assertThat(ApiSession.problem(shape)).containsEntry("type", PROBLEMS + "validation");
        assertThat(ApiSession.problem(shape).get("errors").toString()).contains("/taxId");

        HttpClientResponseException unregistered = api.failure(() -> api.put(customer, path, Map.of("kind",
                "COMPANY", "legalName", "Exemple SARL", "address", PARIS, "taxId", "FR12345678000")));
        assertThat(unregistered.code()).isEqualTo(422);
        assertThat(ApiSession.problem(unregistered)).containsEntry("type", PROBLEMS + "tax-id-not-registered");

        HttpClientResponseException noLegalName = api.failure(() -> api.put(customer, path, Map.of("kind",
                "COMPANY", "address", PARIS)));
        assertThat(noLegalName.code()).isEqualTo(400);

        Map<String, Object> unavailable = api.put(customer, path, Map.of("kind", "COMPANY",
                "legalName", "Exemple SARL", "address", PARIS, "taxId", "FR12345678503")).body();
        assertThat(unavailable).containsEntry("taxIdStatus", "UNVERIFIED");
        assertThat((String) unavailable.get("taxIdNote")).contains("MS_UNAVAILABLE");
        assertThat(api.get(customer, path)).containsEntry("kind", "COMPANY").containsEntry("legalName",
                "Exemple SARL");
    }

    @Test
    void taxRatesAreAdminOnlyAuditedAndNeverOverlap() {
        String category = category();
        Map<String, Object> first = api.post(admin, "/v1/admin/tax-rates", Map.of("country", "DE", "taxCategory",
                category, "name", "MwSt", "ratePercent", 19, "validFrom", "2020-01-01T00:00:00Z",
                "validTo", "2030-01-01T00:00:00Z")).body();

        HttpClientResponseException overlap = api.failure(() -> rate("DE", category, "7"));
        assertThat(overlap.code()).isEqualTo(409);
        Map<String, Object> next = api.post(admin, "/v1/admin/tax-rates", Map.of("country", "DE", "taxCategory",
                category, "name", "MwSt", "ratePercent", new java.math.BigDecimal("8.875"),
                "validFrom", "2030-01-01T00:00:00Z")).body();
        assertThat(next).containsEntry("ratePercent", 8.875);
        Map<String, Object> changed = api.put(admin, "/v1/admin/tax-rates/" + first.get("id"), Map.of("country",
                "DE", "taxCategory", category, "name", "MwSt", "ratePercent", 16, "validFrom",
                "2020-01-01T00:00:00Z", "validTo", "2030-01-01T00:00:00Z")).body();
        assertThat(changed).containsEntry("ratePercent", 16);
        HttpClientResponseException tooHigh = api.failure(() -> rate("AT", category, "100"));
        assertThat(tooHigh.code()).isEqualTo(400);
        HttpClientResponseException customer = api.failure(() -> api.list(api.newCustomer(), "/v1/admin/tax-rates"));
        assertThat(customer.code()).isEqualTo(403);

        assertThat(platform.bean(AuditLog.class).findByTarget("tax-rate:DE/" + category))
                .extracting(AuditEntry::action).containsExactly("tax-rate.created", "tax-rate.created");
        assertThat(platform.bean(AuditLog.class).findByTarget("tax-rate:" + first.get("id")))
                .extracting(AuditEntry::action).containsExactly("tax-rate.updated");
    }

    Map<String, Object> creditNote(String invoiceId, Map<String, Object> body) {
        return api.post(admin, "/v1/admin/invoices/" + invoiceId + "/credit-notes", body).body();
    }

    @SuppressWarnings("unchecked")
    long credit(String customer) {
        return ((List<Map<String, Object>>) api.get(customer, "/v1/customers/me/credit").get("balances")).stream()
                .filter(balance -> "EUR".equals(balance.get("currency")))
                .mapToLong(balance -> ((Number) balance.get("balanceMinor")).longValue()).sum();
    }

    /**
     * The worked example of docs/billing.md: 999 EXCLUSIVE at 20 % was charged 1199; a note for 333 of its line
     * carries 67 tax and refunds 400, a full note then credits the rest (666 + 133 = 799) to the account, and the
     * upcoming invoice applies that credit.
     */
    @Test
    @SuppressWarnings("unchecked")
    void creditNotesCreditTheInvoiceToTheCentWithTheirShareOfTaxAndNeverMoreThanIsLeft() {
        String category = category();
        rate("FR", category, "20");
        String customer = customerIn(PARIS);
        Map<String, Object> invoice = firstInvoice(customer, plan(category, 999, "EXCLUSIVE"));
        String invoiceId = (String) invoice.get("id");

        Map<String, Object> partial = creditNote(invoiceId, Map.of("reason", "Outage 3-5 March",
                "outcome", "REFUND", "lines", List.of(Map.of("lineNo", 1, "amountMinor", 333))));
        assertThat(partial).containsEntry("subtotalMinor", 333).containsEntry("taxMinor", 67)
                .containsEntry("totalMinor", 400).containsEntry("outcome", "REFUND");
        assertThat((String) partial.get("number")).matches("CN-\\d{4}-\\d{6}");
        var restRequest = HttpRequest.POST("/v1/admin/invoices/" + invoiceId + "/credit-notes",
                Map.of("reason", "Goodwill", "outcome", "ACCOUNT_CREDIT")).bearerAuth(admin)
                .header("Idempotency-Key", "goodwill-" + invoiceId);
        Map<String, Object> rest = platform.client.toBlocking().exchange(restRequest, ApiSession.JSON).body();
        // A retry with the same key answers the same note; nothing is credited twice.
        HttpResponse<Map<String, Object>> retried = platform.client.toBlocking().exchange(restRequest,
                ApiSession.JSON);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body()).containsEntry("number", rest.get("number"));
        assertThat(rest).containsEntry("subtotalMinor", 666).containsEntry("taxMinor", 133)
                .containsEntry("totalMinor", 799);
        long first = Long.parseLong(((String) partial.get("number")).substring(8));
        assertThat((String) rest.get("number")).endsWith(String.format("%06d", first + 1));

        HttpClientResponseException more = api.failure(() -> creditNote(invoiceId, Map.of("reason", "Again",
                "outcome", "ACCOUNT_CREDIT")));
        assertThat(more.code()).isEqualTo(409);
        assertThat(ApiSession.problem(more)).containsEntry("type", PROBLEMS + "credit-exceeds-invoice");

        Map<String, Object> shown = ApiSession.eventually(() -> api.get(customer, "/v1/invoices/" + invoiceId),
                view -> "SUCCEEDED".equals(((List<Map<String, Object>>) view.get("creditNotes")).get(0)
                        .get("refundStatus")), Duration.ofSeconds(20));
        assertThat((List<Map<String, Object>>) shown.get("creditNotes")).extracting(note -> note.get("number"))
                .containsExactly(partial.get("number"), rest.get("number"));
        // The invoice as issued is unchanged.
        assertThat(shown).containsEntry("totalMinor", 1199).containsEntry("taxMinor", 200);
        assertThat(credit(customer)).isEqualTo(799);
        assertThat(platform.bean(AuditLog.class).findByTarget("invoice:" + invoiceId))
                .extracting(AuditEntry::action).containsExactly("credit-note.issued", "credit-note.issued");
        assertThat((List<Map<String, Object>>) api.get(admin, "/v1/events?type=credit_note.created&resourceId="
                + partial.get("id")).get("items")).hasSize(1);

        // The next invoice: 999 + 200 tax = 1199, of which the 799 of credit pays part.
        Map<String, Object> upcoming = api.get(customer, "/v1/subscriptions/" + invoice.get("subscriptionId")
                + "/upcoming-invoice");
        assertThat(upcoming).containsEntry("period", 2).containsEntry("subtotalMinor", 999)
                .containsEntry("taxMinor", 200).containsEntry("amountMinor", 1199)
                .containsEntry("accountCreditMinor", 799).containsEntry("totalMinor", 400);
        assertThat((List<Map<String, Object>>) upcoming.get("lines")).extracting(line -> line.get("kind"))
                .containsExactly("PLAN", "ACCOUNT_CREDIT");
        HttpClientResponseException notYours = api.failure(() -> api.get(api.newCustomer(), "/v1/subscriptions/"
                + invoice.get("subscriptionId") + "/upcoming-invoice"));
        assertThat(notYours.code()).isEqualTo(404);
    }

    @Test
    void anOpenInvoiceIsReducedAndAnOutcomeThatDoesNotFitTheInvoiceIsAConflict() {
        String category = category();
        String customer = customerIn(PARIS);
        String id = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", plan(category, 1500,
                "INCLUSIVE"), "paymentMethod", "pm_card_declined")).body().get("id");
        Map<String, Object> open = ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id
                + "/invoices"), invoices -> !invoices.isEmpty(), Duration.ofSeconds(20)).get(0);
        assertThat(open).containsEntry("status", "OPEN");
        String invoiceId = (String) open.get("id");

        HttpClientResponseException refund = api.failure(() -> creditNote(invoiceId, Map.of("reason", "x",
                "outcome", "REFUND")));
        assertThat(refund.code()).isEqualTo(409);
        assertThat(ApiSession.problem(refund)).containsEntry("type", PROBLEMS + "credit-outcome-not-possible");
        HttpClientResponseException noSuchLine = api.failure(() -> creditNote(invoiceId, Map.of("reason", "x",
                "outcome", "REDUCE_AMOUNT_DUE", "lines", List.of(Map.of("lineNo", 7, "amountMinor", 1)))));
        assertThat(noSuchLine.code()).isEqualTo(422);

        creditNote(invoiceId, Map.of("reason", "Price error", "outcome", "REDUCE_AMOUNT_DUE",
                "lines", List.of(Map.of("lineNo", 1, "amountMinor", 500))));
        assertThat(api.get(customer, "/v1/invoices/" + invoiceId)).containsEntry("totalMinor", 1000)
                .containsEntry("subtotalMinor", 1500).containsEntry("status", "OPEN");
        creditNote(invoiceId, Map.of("reason", "Waived", "outcome", "REDUCE_AMOUNT_DUE"));
        assertThat(api.get(customer, "/v1/invoices/" + invoiceId)).containsEntry("totalMinor", 0)
                .containsEntry("status", "PAID");

        HttpClientResponseException byCustomer = api.failure(() -> api.post(customer, "/v1/admin/invoices/"
                + invoiceId + "/credit-notes", Map.of("reason", "x", "outcome", "ACCOUNT_CREDIT")));
        assertThat(byCustomer.code()).isEqualTo(403);
        HttpClientResponseException unknown = api.failure(() -> creditNote(UUID.randomUUID().toString(),
                Map.of("reason", "x", "outcome", "ACCOUNT_CREDIT")));
        assertThat(unknown.code()).isEqualTo(404);
    }

    @Test
    void thePortalInvoiceShowsItsTaxLinesAndItsCreditNotes() throws java.net.MalformedURLException {
        String category = category();
        rate("FR", category, "20");
        var configuration = new io.micronaut.http.client.DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        try (var http = io.micronaut.http.client.HttpClient.create(platform.baseUrl().toURL(), configuration)) {
            PortalBrowser browser = new PortalBrowser(http.toBlocking());
            String email = "portal-tax-" + UUID.randomUUID() + "@example.com";
            assertThat(browser.post("/portal/signup", browser.get("/portal/signup"), Map.of("name", "Ada",
                    "email", email, "password", "correct-horse-battery")).status()).isEqualTo(303);
            String customer = api.login(email, "correct-horse-battery");
            api.put(customer, "/v1/customers/me/billing-profile", Map.of("kind", "INDIVIDUAL", "address", PARIS));
            Map<String, Object> invoice = firstInvoice(customer, plan(category, 999, "EXCLUSIVE"));
            Map<String, Object> note = creditNote((String) invoice.get("id"), Map.of("reason", "Late delivery",
                    "outcome", "ACCOUNT_CREDIT", "lines", List.of(Map.of("lineNo", 1, "amountMinor", 100))));

            PortalBrowser.Page page = browser.get("/portal/invoices/" + invoice.get("id"));

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("VAT 20 % on", "class=\"tax-line\"", (String) note.get("number"),
                    "Late delivery");
        }
    }
}
