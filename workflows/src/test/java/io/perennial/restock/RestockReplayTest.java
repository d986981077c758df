package io.perennial.restock;

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

/** Every recorded restock history replays against the current code; an unguarded change is caught. */
class RestockReplayTest {

    static List<Path> recordedHistories() throws IOException {
        try (Stream<Path> files = Files.list(RestockHistories.directory())) {
            return files.filter(path -> path.getFileName().toString().startsWith("restock-")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedRestockHistoryReplaysAgainstTheCurrentCode() throws IOException {
        List<Path> histories = recordedHistories();
        assertThat(histories).as("recorded restock histories").hasSizeGreaterThanOrEqualTo(4);
        return histories.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () ->
                WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)),
                        RestockWorkflowImpl.class)));
    }

    @Test
    void anUnguardedChangeToTheRestockIsCaughtByReplay() throws IOException {
        WorkflowExecutionHistory received = WorkflowExecutionHistory.fromJson(
                Files.readString(RestockHistories.directory().resolve("restock-received-in-full.json")));

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(received, WaitFirstRestockWorkflow.class))
                .hasMessageContaining("NonDeterministicException");
    }

    /** The restock with one unguarded change: it waits an hour before planning. */
    public static class WaitFirstRestockWorkflow extends RestockWorkflowImpl {
        @WorkflowInit
        public WaitFirstRestockWorkflow(RestockStart start) {
            super(start);
        }

        @Override
        public RestockState run(RestockStart start) {
            Workflow.sleep(Duration.ofHours(1));
            return super.run(start);
        }
    }
}
