package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops console on the running platform: only OPS and ADMIN get in, every form needs its CSRF token, and the pages
 * show what the ops API's services answer.
 */
@PlatformTest
class ConsolePagesTest {

    private TestPlatform platform;
    private HttpClient http;

    @BeforeAll
    void start() throws java.net.MalformedURLException {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
    }

    @AfterAll
    void stop() {
        http.close();
    }

    private PortalBrowser signedIn(String email, String password) {
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        PortalBrowser.Page signedIn = browser.post("/console/signin", browser.get("/console/signin"),
                Map.of("email", email, "password", password));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/console");
        return browser;
    }

    private PortalBrowser ops() {
        return signedIn(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @Test
    void aCustomersCorrectPasswordIsRefusedWith403AndStartsNoConsoleSession() {
        String email = "console-" + UUID.randomUUID() + "@example.com";
        platform.api.post(null, "/v1/auth/register", Map.of("email", email, "password", "correct-horse-battery",
                "name", "Ada Lovelace"));
        PortalBrowser customer = new PortalBrowser(http.toBlocking());

        PortalBrowser.Page refused = customer.post("/console/signin", customer.get("/console/signin"),
                Map.of("email", email, "password", "correct-horse-battery"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("for operations staff and administrators only");
        assertThat(customer.cookies).doesNotContainKey("perennial_console");
        assertThat(customer.get("/console/renewals").status()).isEqualTo(303);
    }

    @Test
    void aCustomersPortalSessionOpensNoConsolePage() {
        PortalBrowser customer = new PortalBrowser(http.toBlocking());
        PortalBrowser.Page signedUp = customer.post("/portal/signup", customer.get("/portal/signup"), Map.of(
                "name", "Lin Hui", "email", "console-" + UUID.randomUUID() + "@example.com",
                "password", "correct-horse-battery"));
        assertThat(signedUp.status()).isEqualTo(303);
        // The portal's session id in the console's cookie names no console session.
        customer.cookies.put("perennial_console", customer.cookies.get("perennial_portal"));

        PortalBrowser.Page page = customer.get("/console/renewals");

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/console/signin");
    }

    @Test
    void aVisitorIsSentToTheStaffSignIn() {
        PortalBrowser visitor = new PortalBrowser(http.toBlocking());

        PortalBrowser.Page page = visitor.get("/console/renewals");

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/console/signin");
        assertThat(visitor.get("/console/signin").body()).contains("id=\"sign-in\"", "Staff sign-in");
    }

    @Test
    void aConsoleFormWithoutItsTokenOrWithAPortalTabsTokenIsRefusedWith403() {
        PortalBrowser staff = ops();
        PortalBrowser.Page portal = staff.get("/portal/signin");

        PortalBrowser.Page withoutToken = staff.post("/console/renewals/retry", null, Map.of("reason", "declined"));
        PortalBrowser.Page withPortalToken = staff.post("/console/renewals/retry", portal,
                Map.of("reason", "declined"));
        PortalBrowser.Page signOutWithoutToken = staff.post("/console/signout", null, Map.of("csrfToken", ""));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("did not come from this console");
        assertThat(withPortalToken.status()).isEqualTo(403);
        assertThat(signOutWithoutToken.status()).isEqualTo(403);
        assertThat(staff.get("/console/renewals").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void theFailedRenewalsPageFiltersAndNamesTheInProcessServersMissingUi() {
        PortalBrowser staff = ops();

        PortalBrowser.Page page = staff.get("/console/renewals?reason=declined&planId=plan_digital_monthly"
                + "&from=2020-01-01&until=2020-01-31");
        PortalBrowser.Page badDate = staff.get("/console/renewals?from=yesterday");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Failed renewals", "No failed renewals match.",
                "<option value=\"declined\" selected=\"selected\">", "value=\"2020-01-31\"",
                "id=\"no-temporal-ui\"");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("from must be a date");
    }

    @Test
    void aChineseStaffMemberSeesTheConsoleInChinese() {
        PortalBrowser staff = ops();
        staff.language = "zh-CN,zh;q=0.9";

        PortalBrowser.Page page = staff.get("/console/renewals");

        assertThat(page.body()).contains("lang=\"zh-CN\"", "续费失败", "筛选").doesNotContain("Failed renewals");
    }

    @Test
    void aCustomersSubscriptionsAreListedWithTheirWorkflowIdsAsTextOnTheInProcessServer() {
        String customer = platform.api.newCustomer();
        String id = (String) platform.api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        String customerId = (String) platform.api.get(customer, "/v1/customers/me").get("customerId");
        PortalBrowser staff = ops();

        PortalBrowser.Page page = staff.get("/console/subscriptions?customerId=" + customerId);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("data-subscription=\"" + id + "\"", "plan_digital_monthly",
                "<code class=\"workflow\">subscription-" + id + "</code>", "id=\"no-temporal-ui\"")
                .doesNotContain("/namespaces/");
        assertThat(staff.get("/console/subscriptions?customerId=nope").status()).isEqualTo(404);
    }

    @Test
    void stockPurchaseOrdersAndReceiptsAreListedWithTheRestockWorkflow() {
        String admin = platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String opsToken = platform.api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String sku = "CONSOLE-" + suffix.toUpperCase();
        platform.api.post(admin, "/v1/admin/products", Map.of("id", "console-box-" + suffix, "name", "Box",
                "kind", "PHYSICAL"));
        platform.api.post(admin, "/v1/admin/suppliers", Map.of("id", "console-roaster-" + suffix,
                "name", "Roaster", "leadTime", "P4D"));
        platform.api.post(admin, "/v1/admin/skus", Map.of("sku", sku, "productId", "console-box-" + suffix,
                "name", "Beans 250g", "initialOnHand", 10, "reorderPoint", 3, "reorderQuantity", 24,
                "preferredSupplierId", "console-roaster-" + suffix, "unitPriceMinor", 1250, "currency", "EUR"));
        // Counting 8 out leaves 2, below the reorder point: the restock places a purchase order.
        platform.api.post(opsToken, "/v1/ops/stock/" + sku + "/adjustments", Map.of("delta", -8, "reason", "damage"));
        String purchaseOrder = "po-" + sku + "-1";
        ApiSession.eventually(() -> platform.api.get(opsToken, "/v1/purchase-orders?sku=" + sku).toString(),
                page -> page.contains("status=PLACED"), java.time.Duration.ofSeconds(20));
        platform.api.post(opsToken, "/v1/purchase-orders/" + purchaseOrder + "/receipts",
                Map.of("receiptId", "dn-" + suffix, "quantity", 10));
        PortalBrowser staff = ops();

        PortalBrowser.Page stock = staff.get("/console/stock");
        PortalBrowser.Page orders = staff.get("/console/purchase-orders");
        PortalBrowser.Page order = staff.get("/console/purchase-orders/" + purchaseOrder);

        assertThat(stock.body()).contains("data-sku=\"" + sku + "\"", "restock-" + sku);
        assertThat(orders.body()).contains(purchaseOrder);
        assertThat(order.body()).contains("dn-" + suffix, "10 / 24", "restock-" + sku);
        assertThat(staff.get("/console/purchase-orders/po-none").status()).isEqualTo(404);
    }

    @Test
    void shipmentExceptionsAndRefundsRenderForOpsWhileTheAuditLogAndWebhooksAreForAdminsOnly() {
        String product = "console-audited-" + UUID.randomUUID().toString().substring(0, 8);
        platform.api.post(platform.api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD),
                "/v1/admin/products", Map.of("id", product, "name", "Audited", "kind", "DIGITAL"));
        PortalBrowser staff = ops();
        PortalBrowser admin = signedIn(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);

        assertThat(staff.get("/console/shipments").body()).contains("Shipment exceptions");
        assertThat(staff.get("/console/refunds").body()).contains("Subscription refunds", "Order refunds");
        assertThat(staff.get("/console/audit-log").status()).isEqualTo(403);
        assertThat(staff.get("/console/webhooks").status()).isEqualTo(403);
        assertThat(staff.get("/console/renewals").body()).doesNotContain("/console/audit-log");
        PortalBrowser.Page audit = admin.get("/console/audit-log");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("id=\"audit-log\"", "<td>product.created</td>", "product:" + product);
        assertThat(admin.get("/console/webhooks").status()).isEqualTo(200);
    }

    @Test
    void retryingOneRenewalThatIsNotPastDueIsRefusedByTheApisOwnRule() {
        String customer = platform.api.newCustomer();
        String id = (String) platform.api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        PortalBrowser staff = ops();

        PortalBrowser.Page refused = staff.post("/console/renewals/" + id + "/retry",
                staff.get("/console/renewals"), Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"problem-detail\"", id);
    }

    @Test
    void aBulkRetryStartsTheBatchWorkflowAndItsProgressBlockPollsUntilItIsDone() {
        PortalBrowser staff = ops();

        // A plan nobody is on: the batch selects nothing, and touches no other test's subscriptions.
        PortalBrowser.Page started = staff.post("/console/renewals/retry", staff.get("/console/renewals"),
                Map.of("reason", "declined", "planId", "plan_nobody_is_on", "from", "", "until", ""));

        assertThat(started.status()).as(started.body()).isEqualTo(303);
        String batchPage = started.header("Location");
        assertThat(batchPage).matches("/console/renewals/batches/[0-9a-f-]{36}");
        String done = ApiSession.eventually(() -> staff.get(batchPage + "/progress").body(),
                body -> body.contains("data-done=\"true\""), java.time.Duration.ofSeconds(20));
        assertThat(done).startsWith("<!--").contains("id=\"selected\">0<").doesNotContain("hx-get", "<html");
        assertThat(staff.get(batchPage).body()).contains("renewal-retry-" + batchPage.substring(
                batchPage.lastIndexOf('/') + 1), "id=\"progress\"");
        assertThat(staff.get("/console/renewals/batches/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
