package io.perennial.api.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalLinksTest {

    private static TemporalLinks links(String url, boolean inProcess) {
        return new TemporalLinks(new ConsoleConfiguration(url, Duration.ofHours(8)), inProcess, "perennial");
    }

    @Test
    void aWorkflowLinksToItsPageInTheConfiguredTemporalUiOfTheNamespace() {
        TemporalLinks links = links("http://localhost:8080/", false);

        assertThat(links.available()).isTrue();
        assertThat(links.workflow(links.subscriptionId("0b6e")))
                .isEqualTo("http://localhost:8080/namespaces/perennial/workflows/subscription-0b6e");
        assertThat(links.workflow(links.orderId("0b6e-p2")))
                .isEqualTo("http://localhost:8080/namespaces/perennial/workflows/order-0b6e-p2");
        assertThat(links.workflow("restock-BEANS 250/g"))
                .isEqualTo("http://localhost:8080/namespaces/perennial/workflows/restock-BEANS%20250%2Fg");
    }

    @Test
    void theInProcessServerOrNoConfiguredUiGivesNoLinkAtAll() {
        assertThat(links("http://localhost:8233", true).available()).isFalse();
        assertThat(links("http://localhost:8233", true).workflow("subscription-1")).isNull();
        assertThat(links(" ", false).workflow("subscription-1")).isNull();
        assertThat(links(null, false).available()).isFalse();
    }
}
