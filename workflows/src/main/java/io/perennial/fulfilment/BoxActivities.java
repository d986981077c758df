package io.perennial.fulfilment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Subscription boxes of physical plans. For now the box is recorded as due (fulfilment itself is its own
 * workflow); recording the same subscription and period again changes nothing.
 */
@ActivityInterface
public interface BoxActivities {

    @ActivityMethod(name = "RecordBoxDue")
    void recordBoxDue(BoxDue box);
}
