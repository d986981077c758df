package io.perennial.worker.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the replay command was asked to do.
 *
 * @param address   host:port of the Temporal frontend
 * @param namespace the namespace the workflows live in
 * @param query     a visibility query; empty means every workflow type the worker hosts
 * @param limit     at most this many executions are downloaded and replayed
 * @param saveDir   where to also write each downloaded history as JSON, if anywhere
 */
public record ReplayOptions(String address, String namespace, Optional<String> query, int limit,
                            Optional<Path> saveDir) {

    static final String DEFAULT_ADDRESS = "localhost:7233";
    static final String DEFAULT_NAMESPACE = "default";
    static final int DEFAULT_LIMIT = 1000;

    static final String USAGE = """
            Usage: ReplayCommand [--address host:port] [--namespace NAME] [--query VISIBILITY_QUERY]
                                 [--limit N] [--save-dir DIR]

            Downloads the histories of the workflows matching the query and replays them against the workflow code
            on the classpath, reporting any non-determinism.

              --address    Temporal frontend (default: $TEMPORAL_ADDRESS, else localhost:7233)
              --namespace  namespace (default: $TEMPORAL_NAMESPACE, else default)
              --query      visibility query (default: every workflow type the worker hosts,
                           e.g. WorkflowType = 'SubscriptionWorkflow')
              --limit      replay at most N executions, newest first (default: 1000)
              --save-dir   also write each downloaded history to DIR as JSON, the format of the recorded
                           histories in workflows/src/test/resources/histories/ (payloads stay encrypted)

            Payloads are encrypted: set PAYLOAD_CODEC_KEY_ID, PAYLOAD_CODEC_KEY and PAYLOAD_CODEC_PREVIOUS_KEYS as
            for the worker.

            Exit status: 0 every history replayed, 1 at least one did not, 2 usage or connection error.""";

    /** Thrown for arguments the command cannot run with; the message says which. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The options in {@code args}; what they leave out comes from {@code environment}, then the defaults. */
    public static ReplayOptions parse(List<String> args, Map<String, String> environment) throws UsageException {
        String address = nonBlank(environment.get("TEMPORAL_ADDRESS")).orElse(DEFAULT_ADDRESS);
        String namespace = nonBlank(environment.get("TEMPORAL_NAMESPACE")).orElse(DEFAULT_NAMESPACE);
        Optional<String> query = Optional.empty();
        int limit = DEFAULT_LIMIT;
        Optional<Path> saveDir = Optional.empty();

        List<String> remaining = new ArrayList<>(args);
        while (!remaining.isEmpty()) {
            String option = remaining.remove(0);
            String value;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            } else if (remaining.isEmpty()) {
                throw new UsageException(option.startsWith("--")
                        ? option + " needs a value" : "unexpected argument '" + option + "'");
            } else {
                value = remaining.remove(0);
            }
            switch (option) {
                case "--address" -> address = required(option, value);
                case "--namespace" -> namespace = required(option, value);
                case "--query" -> query = Optional.of(required(option, value));
                case "--limit" -> limit = positive(option, value);
                case "--save-dir" -> saveDir = Optional.of(Path.of(required(option, value)));
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        return new ReplayOptions(address, namespace, query, limit, saveDir);
    }

    static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static String required(String option, String value) throws UsageException {
        return nonBlank(value).orElseThrow(() -> new UsageException(option + " needs a value"));
    }

    private static int positive(String option, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageException(option + " must be a positive whole number, not '" + value + "'");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }
}
