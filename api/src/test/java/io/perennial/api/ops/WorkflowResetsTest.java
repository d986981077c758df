package io.perennial.api.ops;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskFailedEventAttributes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowResetsTest {

    private static List<HistoryEvent> history(EventType... types) {
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(HistoryEvent.newBuilder().setEventId(i + 1).setEventType(types[i]).build());
        }
        return events;
    }

    @Test
    void theResetPointIsTheLastCompletedWorkflowTaskBeforeTheFirstFailure() {
        List<HistoryEvent> events = history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);

        assertThat(io.perennial.temporal.client.WorkflowResetter.resetPoint(events)).contains(10L);
    }

    @Test
    void aRunWithoutFailureOrOnlyTheResetsOwnMarkHasNothingToResetTo() {
        assertThat(io.perennial.temporal.client.WorkflowResetter.resetPoint(history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED))).isEmpty();

        List<HistoryEvent> afterReset = new ArrayList<>(history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
        afterReset.add(HistoryEvent.newBuilder().setEventId(7).setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
                .setWorkflowTaskFailedEventAttributes(WorkflowTaskFailedEventAttributes.newBuilder()
                        .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW)).build());
        assertThat(io.perennial.temporal.client.WorkflowResetter.resetPoint(afterReset)).isEmpty();
    }

    @Test
    void aFailureBeforeAnyCompletedWorkflowTaskCannotBeResetBefore() {
        assertThat(io.perennial.temporal.client.WorkflowResetter.resetPoint(history(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))).isEmpty();
    }
}
