package io.perennial.worker.replay;

import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionWorkflowImpl;
import io.perennial.worker.HostedWorkflows;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay command's core on the recorded histories of every workflow type (the ones the workflows module's
 * replay tests read), against the workflows the worker actually registers.
 */
class CommittedHistoriesReplayTest {

    static List<RecordedRun> committedHistories() throws IOException {
        Path directory = Path.of(System.getProperty("perennial.recorded-histories.dir",
                "../workflows/src/test/resources/histories"));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json")).sorted()
                    .map(CommittedHistoriesReplayTest::read).toList();
        }
    }

    private static RecordedRun read(Path path) {
        try {
            // Named after its file, so a failure says which recording it was.
            String scenario = path.getFileName().toString().replaceFirst("\\.json$", "");
            return RecordedRun.of(WorkflowExecutionHistory.fromJson(Files.readString(path), scenario));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCommittedHistoryReplaysAgainstTheWorkflowsTheWorkerHosts() throws IOException {
        List<RecordedRun> histories = committedHistories();
        assertThat(histories).hasSizeGreaterThanOrEqualTo(19);

        ReplayReport report = HistoryReplayer.replay(histories, HostedWorkflows.IMPLEMENTATIONS);

        assertThat(report.outcomes()).filteredOn(outcome -> !outcome.replayed()).isEmpty();
        assertThat(report.exitStatus()).isZero();
        assertThat(HostedWorkflows.typeNames(HostedWorkflows.IMPLEMENTATIONS))
                .as("every recorded workflow type is hosted by the worker")
                .containsAll(histories.stream().map(RecordedRun::workflowType).distinct().toList());
    }

    @Test
    void anUnguardedChangeIsReportedAsNonDeterminismForEveryHistory() throws IOException {
        List<RecordedRun> histories = committedHistories().stream()
                .filter(run -> run.workflowType().equals("SubscriptionWorkflow")).limit(3).toList();

        ReplayReport report = HistoryReplayer.replay(histories, List.of(SleepFirstSubscriptionWorkflow.class));

        assertThat(report.outcomes()).hasSize(3).allSatisfy(outcome -> {
            assertThat(outcome.verdict()).isEqualTo(ReplayOutcome.Verdict.NON_DETERMINISTIC);
            assertThat(outcome.detail()).startsWith("io.temporal.worker.NonDeterministicException: ")
                    .contains("does not match command type COMMAND_TYPE_START_TIMER")
                    .doesNotContain("\n");
        });
        assertThat(report.exitStatus()).isEqualTo(1);
    }

    @Test
    void aWorkflowTypeWithoutAnImplementationFailsToReplayAndSaysWhy() throws IOException {
        RecordedRun subscription = committedHistories().get(0);
        RecordedRun unknown = new RecordedRun("order-7", "run-1", "OrderFulfillmentWorkflow", subscription.history());

        ReplayReport report = HistoryReplayer.replay(List.of(unknown), List.of(SubscriptionWorkflowImpl.class));

        assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.verdict()).isEqualTo(ReplayOutcome.Verdict.FAILED);
            assertThat(outcome.detail()).isEqualTo(
                    "no implementation of workflow type 'OrderFulfillmentWorkflow' among [SubscriptionWorkflow]");
        });
        assertThat(report.exitStatus()).isEqualTo(1);
    }

    /** The subscription workflow with one unguarded change: it sleeps a day before its first step. */
    public static class SleepFirstSubscriptionWorkflow extends SubscriptionWorkflowImpl {
        @WorkflowInit
        public SleepFirstSubscriptionWorkflow(SubscriptionStart start) {
            super(start);
        }

        @Override
        public SubscriptionState run(SubscriptionStart start) {
            Workflow.sleep(Duration.ofDays(1));
            return super.run(start);
        }
    }
}
