package io.perennial.api.console;

import io.perennial.api.portal.PageRules;
import org.junit.jupiter.api.Test;

/** The rules a new console page must keep ({@link PageRules}), so that a forgotten annotation fails the build. */
class ConsoleRulesTest {

    private static final PageRules CONSOLE = new PageRules("console", "io.perennial.api.console");

    @Test
    void everyConsoleControllerWithAFormChecksItsCsrfToken() {
        CONSOLE.everyControllerWithAFormChecksItsCsrfToken(ConsoleCsrfChecked.class,
                ConsoleCsrfCheckInterceptor.class);
    }

    @Test
    void everyConsolePostTakesItsFormAndTheRequestToCheckItAgainst() {
        CONSOLE.everyPostTakesItsFormAndTheRequestToCheckItAgainst();
    }

    @Test
    void consolePagesStayOutOfTheApisOpenApiDocument() {
        CONSOLE.pagesStayOutOfTheApisOpenApiDocument();
    }
}
