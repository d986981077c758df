package io.perennial.temporal.client;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;

/** The connection to Temporal shared by the API and the worker. */
@Factory
public class TemporalClientFactory {

    @Singleton
    @Bean(preDestroy = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(TemporalConfiguration configuration) {
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(configuration.target())
                .build());
    }

    @Singleton
    WorkflowClient workflowClient(WorkflowServiceStubs serviceStubs, TemporalConfiguration configuration) {
        return WorkflowClient.newInstance(serviceStubs, WorkflowClientOptions.newBuilder()
                .setNamespace(configuration.namespace())
                .build());
    }
}
