package io.perennial.worker.replay;

import io.perennial.worker.HostedWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.perennial.temporal.codec.AesGcmPayloadCodec;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Downloads the histories of the workflows matching a visibility query and replays each against workflow
 * implementations, so a change that would break running workflows is found before it is deployed.
 */
public final class HistoryReplayer {

    private static final String REPLAY_TASK_QUEUE = "perennial-replay";
    private static final int MAX_DETAIL_LINES = 10;

    private final WorkflowClient client;
    private final List<Class<?>> implementations;

    /**
     * @param client          connected to the server and namespace whose workflows are replayed
     * @param implementations the workflow implementations to replay against, usually
     *                        {@link HostedWorkflows#IMPLEMENTATIONS}
     */
    public HistoryReplayer(WorkflowClient client, List<Class<?>> implementations) {
        this.client = client;
        this.implementations = List.copyOf(implementations);
    }

    /** Every workflow type the implementations host, e.g. {@code WorkflowType = 'SubscriptionWorkflow'}. */
    public static String defaultQuery(List<Class<?>> implementations) {
        return HostedWorkflows.typeNames(implementations).stream()
                .map(type -> "WorkflowType = '" + type + "'")
                .collect(Collectors.joining(" OR "));
    }

    /** The histories of at most {@code limit} runs matching {@code query}, newest first, as the server lists them. */
    public List<RecordedRun> download(String query, int limit) {
        List<RecordedRun> runs = new ArrayList<>();
        try (Stream<WorkflowExecutionMetadata> executions = client.listExecutions(query)) {
            executions.limit(limit).forEach(execution -> {
                String workflowId = execution.getExecution().getWorkflowId();
                String runId = execution.getExecution().getRunId();
                runs.add(new RecordedRun(workflowId, runId, execution.getWorkflowType(),
                        client.fetchHistory(workflowId, runId)));
            });
        }
        return runs;
    }

    /** Writes each history as pretty JSON, the format of the recorded histories the replay tests read. */
    public static List<Path> save(List<RecordedRun> runs, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (RecordedRun run : runs) {
            written.add(Files.writeString(directory.resolve(run.fileName()), run.history().toJson(true)));
        }
        return written;
    }

    public ReplayReport downloadAndReplay(String query, int limit) {
        return replay(download(query, limit), implementations);
    }

    /** Replays runs whose payloads are not encrypted, e.g. the committed histories. */
    public static ReplayReport replay(List<RecordedRun> runs, List<Class<?>> implementations) {
        return replay(runs, implementations, DefaultDataConverter.newDefaultInstance());
    }

    /**
     * Replays every run on its own, so one failure neither hides nor stops the others. Needs no server.
     *
     * @param dataConverter reads the runs' payloads: the encrypting converter for histories from a server
     */
    public static ReplayReport replay(List<RecordedRun> runs, List<Class<?>> implementations,
                                      DataConverter dataConverter) {
        List<String> hostedTypes = HostedWorkflows.typeNames(implementations);
        List<ReplayOutcome> outcomes = new ArrayList<>();
        TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(dataConverter).build())
                .build();
        // Replay runs in this in-memory environment's worker; nothing is polled or sent to any server.
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(options)) {
            Worker worker = environment.newWorker(REPLAY_TASK_QUEUE);
            worker.registerWorkflowImplementationTypes(implementations.toArray(Class<?>[]::new));
            for (RecordedRun run : runs) {
                outcomes.add(hostedTypes.contains(run.workflowType())
                        ? replayOne(worker, run)
                        : outcome(run, ReplayOutcome.Verdict.FAILED, "no implementation of workflow type '"
                        + run.workflowType() + "' among " + hostedTypes));
            }
        }
        return new ReplayReport(outcomes);
    }

    private static ReplayOutcome replayOne(Worker worker, RecordedRun run) {
        try {
            worker.replayWorkflowExecution(run.history());
            return outcome(run, ReplayOutcome.Verdict.OK, "");
        } catch (Exception | Error e) {
            return outcome(run, isNonDeterminism(e) ? ReplayOutcome.Verdict.NON_DETERMINISTIC
                    : ReplayOutcome.Verdict.FAILED, describe(e));
        }
    }

    private static ReplayOutcome outcome(RecordedRun run, ReplayOutcome.Verdict verdict, String detail) {
        return new ReplayOutcome(run.workflowId(), run.runId(), run.workflowType(), verdict, detail);
    }

    /** The SDK wraps the NonDeterministicException, sometimes only as text in a failure message. */
    static boolean isNonDeterminism(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NonDeterministicException
                    || String.valueOf(cause.getMessage()).contains(NonDeterministicException.class.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reason in a line or a few: the SDK reports a replay failure as a failed query whose message carries the
     * worker's whole stack trace, of which only the exception's own line says what differs.
     */
    static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (innermost != failure && innermost.getMessage() != null && !message.contains(innermost.getMessage())) {
            message = message + "\ncaused by " + innermost;
        }
        if (message.contains(AesGcmPayloadCodec.ENCODING) || message.contains(AesGcmPayloadCodec.METADATA_KEY_ID)) {
            message = message.lines().findFirst().orElse("")
                    + "\n(the payloads are encrypted: give the replay the worker's PAYLOAD_CODEC_KEY_ID, PAYLOAD_CODEC_KEY"
                    + " and PAYLOAD_CODEC_PREVIOUS_KEYS)";
        }
        int nonDeterminism = message.indexOf(NonDeterministicException.class.getName());
        if (nonDeterminism >= 0) {
            return message.substring(nonDeterminism).lines().findFirst().orElse("").strip();
        }
        return message.lines()
                .takeWhile(line -> !line.stripLeading().startsWith("at "))
                .limit(MAX_DETAIL_LINES)
                .collect(Collectors.joining("\n"));
    }
}
