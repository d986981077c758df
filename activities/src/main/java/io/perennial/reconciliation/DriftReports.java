package io.perennial.reconciliation;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The reconciliation sweep's drift reports: written once per run, read by ops ({@code GET /v1/ops/reconciliation}). */
@Singleton
public class DriftReports {

    /** A run with what it found. */
    @Introspected
    public record Report(ReconciliationRun run, List<ReconciliationFinding> findings) {
    }

    private final ReconciliationRunRepository runs;
    private final ReconciliationFindingRepository findings;

    public DriftReports(ReconciliationRunRepository runs, ReconciliationFindingRepository findings) {
        this.runs = runs;
        this.findings = findings;
    }

    @Transactional
    public Optional<ReconciliationRun> find(String runKey) {
        return runs.findByRunKey(runKey);
    }

    /** Stores a run and its findings together; a run key already stored keeps its first report. */
    @Transactional
    public ReconciliationRun record(ReconciliationRun run, List<ReconciliationFinding> found) {
        Optional<ReconciliationRun> earlier = runs.findByRunKey(run.runKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        runs.save(run);
        findings.saveAll(found);
        return run;
    }

    /** The latest runs, newest first, each with its findings. */
    @Transactional
    public List<Report> latest(boolean onlyDrift, int limit) {
        List<ReconciliationRun> latest = runs.findLatest(onlyDrift, limit);
        if (latest.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReconciliationFinding>> byRun = findings
                .findByRunIdInOrderByCreatedAt(latest.stream().map(ReconciliationRun::id).toList()).stream()
                .collect(Collectors.groupingBy(ReconciliationFinding::runId, LinkedHashMap::new, Collectors.toList()));
        return latest.stream().map(run -> new Report(run, byRun.getOrDefault(run.id(), List.of()))).toList();
    }
}
