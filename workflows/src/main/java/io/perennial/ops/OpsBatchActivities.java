package io.perennial.ops;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a tracked ops batch does outside the workflow: count the selection, and do a page of it at the set rate. */
@ActivityInterface
public interface OpsBatchActivities {

    /** How many items the batch selects now; -1 when the store cannot count them. */
    @ActivityMethod(name = "CountOpsBatch")
    int count(OpsBatchRequest batch);

    /**
     * Does the next page: each item at most {@link OpsBatchPace#itemsPerSecond()}, its result stored under the batch
     * (an item already recorded for the batch is not done again), heartbeating as it goes.
     */
    @ActivityMethod(name = "RunOpsBatchPage")
    OpsBatchPage.Result runPage(OpsBatchPage.Request page);
}
