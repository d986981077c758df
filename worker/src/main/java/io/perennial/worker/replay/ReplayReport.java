package io.perennial.worker.replay;

import java.io.PrintStream;
import java.util.List;

/** The outcome of every replayed run, and the exit status it amounts to. */
public record ReplayReport(List<ReplayOutcome> outcomes) {

    public static final int ALL_REPLAYED = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE_OR_CONNECTION_ERROR = 2;

    public ReplayReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean allReplayed() {
        return outcomes.stream().allMatch(ReplayOutcome::replayed);
    }

    public int exitStatus() {
        return allReplayed() ? ALL_REPLAYED : SOME_FAILED;
    }

    public long count(ReplayOutcome.Verdict verdict) {
        return outcomes.stream().filter(outcome -> outcome.verdict() == verdict).count();
    }

    /** One line per run, the reason indented under any that failed, then a summary line. */
    public void print(PrintStream out) {
        for (ReplayOutcome outcome : outcomes) {
            out.printf("%-17s %s  run %s  (%s)%n", label(outcome.verdict()), outcome.workflowId(), outcome.runId(),
                    outcome.workflowType());
            if (!outcome.replayed()) {
                outcome.detail().lines().forEach(line -> out.println("    " + line));
            }
        }
        out.println(summary());
    }

    public String summary() {
        if (outcomes.isEmpty()) {
            return "No workflow matched the query: nothing was replayed.";
        }
        return "Replayed " + outcomes.size() + " workflow run(s): " + count(ReplayOutcome.Verdict.OK) + " OK, "
                + count(ReplayOutcome.Verdict.NON_DETERMINISTIC) + " non-deterministic, "
                + count(ReplayOutcome.Verdict.FAILED) + " failed.";
    }

    static String label(ReplayOutcome.Verdict verdict) {
        return verdict.name().replace('_', '-');
    }
}
