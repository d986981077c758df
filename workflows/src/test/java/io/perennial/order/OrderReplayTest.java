package io.perennial.order;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every recorded order history replays against the current code; an unguarded change is caught. */
class OrderReplayTest {

    static List<Path> recordedHistories() throws IOException {
        try (Stream<Path> files = Files.list(OrderHistories.directory())) {
            return files.filter(path -> path.getFileName().toString().startsWith("order-")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedOrderHistoryReplaysAgainstTheCurrentCode() throws IOException {
        List<Path> histories = recordedHistories();
        assertThat(histories).as("recorded order histories").hasSizeGreaterThanOrEqualTo(6);
        return histories.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () ->
                WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)),
                        OrderFulfillmentWorkflowImpl.class)));
    }

    @Test
    void anUnguardedChangeToTheSagaIsCaughtByReplay() throws IOException {
        WorkflowExecutionHistory delivered = WorkflowExecutionHistory.fromJson(
                Files.readString(OrderHistories.directory().resolve("order-delivered.json")));

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(delivered, WaitFirstOrderWorkflow.class))
                .hasMessageContaining("NonDeterministicException")
                .hasMessageContaining("does not match command type");
    }

    /** The order workflow with one unguarded change: it waits an hour before reserving stock. */
    public static class WaitFirstOrderWorkflow extends OrderFulfillmentWorkflowImpl {
        @WorkflowInit
        public WaitFirstOrderWorkflow(OrderRequest request) {
            super(request);
        }

        @Override
        public OrderState fulfil(OrderRequest request) {
            Workflow.sleep(Duration.ofHours(1));
            return super.fulfil(request);
        }
    }
}
