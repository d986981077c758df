package io.perennial.subscription;

import io.temporal.client.WorkflowClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded workflow histories for the replay tests. Scenario tests write them when run with
 * {@code -Dperennial.record-histories=true}; otherwise the committed files are left as they are.
 */
final class Histories {
    private Histories() {
    }

    static Path directory() {
        return Path.of(System.getProperty("perennial.histories.dir", "src/test/resources/histories"));
    }

    static void recordIfAsked(WorkflowClient client, String workflowId, String scenario) {
        recordIfAsked(client, workflowId, null, scenario);
    }

    /** Records one run of the workflow ({@code runId}), or its latest run when {@code runId} is null. */
    static void recordIfAsked(WorkflowClient client, String workflowId, String runId, String scenario) {
        if (!Boolean.getBoolean("perennial.record-histories")) {
            return;
        }
        try {
            Files.createDirectories(directory());
            Files.writeString(directory().resolve(scenario + ".json"), (runId == null
                    ? client.fetchHistory(workflowId) : client.fetchHistory(workflowId, runId)).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
