package io.perennial.worker;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.client.TemporalConfiguration;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registers Perennial's custom search attributes on the Temporal server; registering twice changes nothing. */
@Singleton
public class SearchAttributeRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

    private final WorkflowServiceStubs serviceStubs;
    private final TemporalConfiguration configuration;

    public SearchAttributeRegistrar(WorkflowServiceStubs serviceStubs, TemporalConfiguration configuration) {
        this.serviceStubs = serviceStubs;
        this.configuration = configuration;
    }

    /** Returns the attributes it added (empty when all were there already). */
    public Map<String, IndexedValueType> registerMissing() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(serviceStubs.getRawChannel())
                .validateAndBuildWithDefaults());
        Map<String, IndexedValueType> existing = existing(operator);
        Map<String, IndexedValueType> missing = new LinkedHashMap<>();
        for (SearchAttributeKey<?> key : PerennialSearchAttributes.ALL) {
            if (!existing.containsKey(key.getName())) {
                missing.put(key.getName(), indexedType(key));
            }
        }
        if (!missing.isEmpty()) {
            operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                    .setNamespace(configuration.namespace())
                    .putAllSearchAttributes(missing)
                    .build());
            log.info("Registered search attributes {} in namespace {}", missing.keySet(), configuration.namespace());
        }
        return missing;
    }

    private Map<String, IndexedValueType> existing(OperatorServiceStubs operator) {
        try {
            return operator.blockingStub()
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(configuration.namespace()).build())
                    .getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            // The Java test server cannot list them; adding is idempotent there.
            return Map.of();
        }
    }

    private static IndexedValueType indexedType(SearchAttributeKey<?> key) {
        Class<?> type = key.getValueClass();
        if (type == String.class) {
            return IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
        }
        if (type == Long.class) {
            return IndexedValueType.INDEXED_VALUE_TYPE_INT;
        }
        if (type == OffsetDateTime.class) {
            return IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
        }
        if (type == Boolean.class) {
            return IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
        }
        if (type == Double.class) {
            return IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
        }
        throw new IllegalArgumentException("no indexed type for search attribute " + key.getName());
    }
}
