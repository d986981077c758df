package io.perennial.worker.replay;

import io.perennial.temporal.codec.AesGcmPayloadCodec;
import io.perennial.temporal.codec.PayloadCodecFactory;
import io.perennial.temporal.codec.PayloadKeyring;
import io.perennial.worker.HostedWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Replays the histories of running and past workflows against the code about to be deployed. A plain main: no
 * database, no Micronaut context, only a connection to the Temporal frontend.
 *
 * <pre>
 * ./mvnw -q -pl worker -am compile exec:java -Dexec.mainClass=io.perennial.worker.replay.ReplayCommand \
 *     -Dexec.args="--address localhost:7233 --query \"WorkflowType = 'SubscriptionWorkflow'\""
 * </pre>
 */
public final class ReplayCommand {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err, HostedWorkflows.IMPLEMENTATIONS));
    }

    /** Parses, connects, replays and reports; returns the exit status ({@link ReplayReport#exitStatus()} or 2). */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err,
                          List<Class<?>> implementations) {
        if (ReplayOptions.asksForHelp(args)) {
            out.println(ReplayOptions.USAGE);
            return ReplayReport.ALL_REPLAYED;
        }
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args, environment);
        } catch (ReplayOptions.UsageException e) {
            err.println("replay: " + e.getMessage());
            err.println(ReplayOptions.USAGE);
            return ReplayReport.USAGE_OR_CONNECTION_ERROR;
        }

        DataConverter dataConverter;
        try {
            dataConverter = dataConverter(environment, out);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return ReplayReport.USAGE_OR_CONNECTION_ERROR;
        }

        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(options.address()).build(), CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            err.println("replay: cannot reach Temporal at " + options.address() + ": " + e.getMessage());
            return ReplayReport.USAGE_OR_CONNECTION_ERROR;
        }
        try {
            WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
                    .setNamespace(options.namespace()).setDataConverter(dataConverter).build());
            return replay(new HistoryReplayer(client, implementations), implementations, options, dataConverter,
                    out, err);
        } finally {
            service.shutdown();
        }
    }

    /** The worker's payload keys from the same environment variables, so encrypted histories can be read. */
    private static DataConverter dataConverter(Map<String, String> environment, PrintStream out) {
        String key = environment.get("PAYLOAD_CODEC_KEY");
        if (key == null || key.isBlank()) {
            out.println("PAYLOAD_CODEC_KEY is not set: histories with encrypted payloads will not replay");
            return DefaultDataConverter.newDefaultInstance();
        }
        PayloadKeyring keyring = PayloadKeyring.of(environment.getOrDefault("PAYLOAD_CODEC_KEY_ID", "k1"), key,
                environment.get("PAYLOAD_CODEC_PREVIOUS_KEYS"));
        return PayloadCodecFactory.encrypting(new AesGcmPayloadCodec(keyring));
    }

    private static int replay(HistoryReplayer replayer, List<Class<?>> implementations, ReplayOptions options,
                              DataConverter dataConverter, PrintStream out, PrintStream err) {
        String query = options.query().orElseGet(() -> HistoryReplayer.defaultQuery(implementations));
        out.printf("Replaying up to %d workflow run(s) matching [%s] in namespace '%s' at %s against %s%n",
                options.limit(), query, options.namespace(), options.address(),
                implementations.stream().map(Class::getName).toList());

        List<RecordedRun> runs;
        try {
            runs = replayer.download(query, options.limit());
        } catch (RuntimeException e) {
            // An unknown namespace, a malformed query, or the server going away while listing.
            err.println("replay: cannot list or download the workflows: " + e.getMessage());
            return ReplayReport.USAGE_OR_CONNECTION_ERROR;
        }
        if (options.saveDir().isPresent()) {
            Path directory = options.saveDir().get();
            try {
                HistoryReplayer.save(runs, directory);
                out.printf("Saved %d histor%s to %s%n", runs.size(), runs.size() == 1 ? "y" : "ies", directory);
            } catch (IOException e) {
                err.println("replay: cannot write the histories to " + directory + ": " + e);
                return ReplayReport.USAGE_OR_CONNECTION_ERROR;
            }
        }

        ReplayReport report = HistoryReplayer.replay(runs, implementations, dataConverter);
        report.print(out);
        return report.exitStatus();
    }
}
