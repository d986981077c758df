package io.perennial.subscription;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;

import java.util.Set;

/**
 * Tells a workflow that is stuck from a known defect of the Java test server: its continue-as-new is not atomic
 * (temporalio/sdk-java#1538). When an Update is refused in the same workflow task that continues as new, the server
 * can start the next run and then refuse the task's completion ({@code NOT_FOUND: workflow execution already
 * completed}), leaving the old run open at {@code WORKFLOW_TASK_STARTED} with its clock lock held, so time never moves
 * again. A real server closes the old run; the workflow itself is idle and correct. A workflow that really loops
 * leaves every run closed and its current run failing tasks, so it is not mistaken for this.
 */
final class LostHandOver {

    private static final Set<EventType> CLOSED = Set.of(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT);

    private LostHandOver() {
    }

    /** The run the test server left open behind a later run of the same workflow, or null when there is none. */
    static String openRunBehind(WorkflowClient client, String workflowId) {
        String runId = null;
        for (int hops = 0; hops < 100; hops++) {
            History history = client.fetchHistory(workflowId, runId).getHistory();
            if (history.getEventsCount() == 0) {
                return null;
            }
            HistoryEvent last = history.getEvents(history.getEventsCount() - 1);
            if (runId != null && !CLOSED.contains(last.getEventType())) {
                return runId;
            }
            String before = history.getEvents(0).getWorkflowExecutionStartedEventAttributes()
                    .getContinuedExecutionRunId();
            if (before.isEmpty()) {
                return null;
            }
            runId = before;
        }
        return null;
    }

    static String describe(String workflowId, String runId) {
        return "the Java test server left run " + runId + " of " + workflowId + " open after continuing it as new "
                + "(temporalio/sdk-java#1538): its clock is held, not the workflow";
    }
}
