package io.perennial.ops;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalRetryBatchWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(RenewalRetryBatchWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    /** Three failed renewals; the second subscription's workflow has ended since. */
    static final class FakeOps implements RenewalOpsActivities {
        final List<RenewalRetryFilter> filters = new CopyOnWriteArrayList<>();
        final Map<String, String> retried = new ConcurrentHashMap<>();

        @Override
        public List<String> selectFailedRenewals(RenewalRetryFilter filter) {
            filters.add(filter);
            return List.of("sub-a", "sub-gone", "sub-c");
        }

        @Override
        public boolean retryNow(String subscriptionId, String requestedBy, String reason) {
            if (subscriptionId.equals("sub-gone")) {
                return false;
            }
            retried.put(subscriptionId, requestedBy + " / " + reason);
            return true;
        }
    }

    @Test
    void aBulkRetrySelectsOnceThenAsksEachFailedRenewalToRetry(TestWorkflowEnvironment env, WorkflowClient client,
                                                               Worker worker) throws Exception {
        FakeOps ops = new FakeOps();
        worker.registerActivitiesImplementations(ops);
        env.start();
        String workflowId = WorkflowIds.renewalRetry("batch-1");
        RenewalRetryBatchWorkflow batch = client.newWorkflowStub(RenewalRetryBatchWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue()).build());
        RenewalRetryFilter filter = new RenewalRetryFilter("gateway_unavailable", null,
                Instant.parse("2027-02-28T00:00:00Z"), null);

        RenewalRetryProgress result = batch.run(new RenewalRetryRequest(filter, "ops-ada", "provider back"));

        assertThat(result).isEqualTo(new RenewalRetryProgress(3, 2, List.of("sub-gone"), true));
        assertThat(ops.filters).containsExactly(filter);
        assertThat(ops.retried).containsOnlyKeys("sub-a", "sub-c");
        assertThat(ops.retried.get("sub-a")).isEqualTo("ops-ada / bulk retry " + workflowId + ": provider back");
        assertThat(client.newWorkflowStub(RenewalRetryBatchWorkflow.class, workflowId).progress()).isEqualTo(result);

        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        Path recorded = Path.of("src/test/resources/histories/renewal-retry-batch.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, history.toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                RenewalRetryBatchWorkflowImpl.class);
    }
}
