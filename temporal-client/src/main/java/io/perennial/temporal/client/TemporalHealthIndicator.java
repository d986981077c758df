package io.perennial.temporal.client;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** UP when the Temporal frontend answers for Perennial's namespace within two seconds. */
@Singleton
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final WorkflowServiceStubs serviceStubs;
    private final TemporalConfiguration configuration;

    public TemporalHealthIndicator(WorkflowServiceStubs serviceStubs, TemporalConfiguration configuration) {
        this.serviceStubs = serviceStubs;
        this.configuration = configuration;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", configuration.target());
        details.put("namespace", configuration.namespace());
        try {
            serviceStubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(configuration.namespace()).build());
            healthStatus = HealthStatus.UP;
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", e.getMessage());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "temporal";
    }
}
