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
        if (!Boolean.getBoolean("perennial.record-histories")) {
            return;
        }
        try {
            Files.createDirectories(directory());
            Files.writeString(directory().resolve(scenario + ".json"), client.fetchHistory(workflowId).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
