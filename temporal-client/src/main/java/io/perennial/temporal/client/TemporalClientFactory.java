package io.perennial.temporal.client;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import com.uber.m3.tally.RootScopeBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The connection to Temporal shared by the API and the worker. */
@Factory
public class TemporalClientFactory {

    /**
     * The SDK's metrics (requests, poll and schedule-to-start latencies, task slots, sticky cache, activity and
     * workflow outcomes) go to the application's Micrometer registry, so {@code /prometheus} shows them.
     */
    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalConfiguration configuration,
                                              Optional<MeterRegistry> meterRegistry) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(configuration.target());
        meterRegistry.ifPresent(registry -> options.setMetricsScope(new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(5))));
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    /**
     * Every payload the client and the worker send to Temporal passes through {@code dataConverter} (encrypted);
     * every call through the {@code interceptors} the application has (the API's deadlines).
     */
    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs serviceStubs, TemporalConfiguration configuration,
                                  DataConverter dataConverter, List<WorkflowClientInterceptor> interceptors) {
        return WorkflowClient.newInstance(serviceStubs, WorkflowClientOptions.newBuilder()
                .setNamespace(configuration.namespace())
                .setDataConverter(dataConverter)
                .setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new))
                .build());
    }
}
