package io.perennial.subscription;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every recorded history must replay against the current code; an incompatible change must be caught. */
class SubscriptionReplayTest {

    static List<Path> recordedHistories() throws IOException {
        try (Stream<Path> files = Files.list(Histories.directory())) {
            return files.filter(path -> path.getFileName().toString().startsWith("subscription-"))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedSubscriptionHistoryReplaysAgainstTheCurrentCode() throws IOException {
        List<Path> histories = recordedHistories();
        assertThat(histories).as("recorded subscription histories").hasSizeGreaterThanOrEqualTo(19);
        return histories.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () ->
                WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(path)),
                        SubscriptionWorkflowImpl.class)));
    }

    /** Both engines: the skeleton that early subscriptions still run, and the current lifecycle engine. */
    @ParameterizedTest
    @ValueSource(strings = {"subscription-skeleton-dunning-recovered.json", "subscription-dunning-recovered.json"})
    void anIncompatibleChangeToTheWorkflowIsCaughtByReplay(String scenario) throws IOException {
        Path history = Histories.directory().resolve(scenario);
        WorkflowExecutionHistory recorded = WorkflowExecutionHistory.fromJson(Files.readString(history));

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(recorded, ReorderedSubscriptionWorkflow.class))
                .hasMessageContaining("NonDeterministicException")
                .hasMessageContaining("does not match command type");
    }

    /** The same workflow with one unguarded change: it sleeps a day before its first step. */
    public static class ReorderedSubscriptionWorkflow extends SubscriptionWorkflowImpl {
        @io.temporal.workflow.WorkflowInit
        public ReorderedSubscriptionWorkflow(SubscriptionStart start) {
            super(start);
        }

        @Override
        public SubscriptionState run(SubscriptionStart start) {
            io.temporal.workflow.Workflow.sleep(java.time.Duration.ofDays(1));
            return super.run(start);
        }
    }
}
