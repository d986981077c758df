package io.perennial.restock;

import io.temporal.client.WorkflowClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded restock histories for the replay tests, written when the scenario tests run with
 * {@code -Dperennial.record-histories=true} (the same switch and directory as the other recordings).
 */
final class RestockHistories {
    private RestockHistories() {
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
