package io.perennial.api.portal;

import org.junit.jupiter.api.Test;

/** The rules a new portal page must keep ({@link PageRules}), so that a forgotten annotation fails the build. */
class PortalRulesTest {

    private static final PageRules PORTAL = new PageRules("portal", "io.perennial.api.portal");

    @Test
    void everyPortalControllerWithAFormChecksItsCsrfToken() {
        PORTAL.everyControllerWithAFormChecksItsCsrfToken(CsrfChecked.class, CsrfCheckInterceptor.class);
    }

    @Test
    void everyPortalPostTakesItsFormAndTheRequestToCheckItAgainst() {
        PORTAL.everyPostTakesItsFormAndTheRequestToCheckItAgainst();
    }

    @Test
    void portalPagesStayOutOfTheApisOpenApiDocument() {
        PORTAL.pagesStayOutOfTheApisOpenApiDocument();
    }
}
