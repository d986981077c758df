package io.perennial.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The {@code orders} read model the API lists and reads from (search attributes are eventually consistent and
 * hold no detail). A write with an older revision than the row's changes nothing.
 */
@ActivityInterface
public interface OrderRecordActivities {

    @ActivityMethod(name = "RecordOrder")
    void recordOrder(OrderState state);
}
