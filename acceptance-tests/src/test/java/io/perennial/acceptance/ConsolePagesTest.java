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
        assertThat(signedIn.header("Location")).isEqualTo("/console/renewals");
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
}
