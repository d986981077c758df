package io.perennial.api.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.perennial.temporal.WorkflowIds;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links from the console to a workflow's page in the Temporal Web UI: {@code {ui}/namespaces/{ns}/workflows/{id}},
 * which opens the latest run. With the embedded mode's in-process test server there is no UI to link to; the pages
 * then show the workflow id as text and say why ({@link #available()} is false).
 */
@Singleton
public class TemporalLinks {

    private final String base;
    private final String namespace;

    public TemporalLinks(ConsoleConfiguration configuration,
                         @Value("${perennial.temporal.in-process:false}") boolean inProcess,
                         @Value("${perennial.temporal.namespace:default}") String namespace) {
        String url = configuration.temporalUiUrl();
        this.base = inProcess || url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
        this.namespace = namespace;
    }

    public boolean available() {
        return base != null;
    }

    /** The workflow's page, or null where there is no UI. */
    @Nullable
    public String workflow(String workflowId) {
        return base == null ? null : base + "/namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId);
    }

    public String subscriptionId(Object subscriptionId) {
        return WorkflowIds.subscription(subscriptionId.toString());
    }

    public String orderId(String orderId) {
        return WorkflowIds.order(orderId);
    }

    public String restockId(String sku) {
        return WorkflowIds.restock(sku);
    }

    public String renewalRetryId(String batchId) {
        return WorkflowIds.renewalRetry(batchId);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
