package io.perennial.worker.replay;

import io.temporal.common.WorkflowExecutionHistory;

/** One workflow run's history, as downloaded from the server or read from a recorded file. */
public record RecordedRun(String workflowId, String runId, String workflowType, WorkflowExecutionHistory history) {

    /** A run identified by its own history (e.g. a committed file), whose workflow id is stored in it. */
    public static RecordedRun of(WorkflowExecutionHistory history) {
        return new RecordedRun(history.getWorkflowExecution().getWorkflowId(),
                history.getWorkflowExecution().getRunId(),
                history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName(),
                history);
    }

    /** A file name for the history: its workflow id and run id, in characters any file system takes. */
    public String fileName() {
        return (workflowId + "_" + runId).replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }
}
