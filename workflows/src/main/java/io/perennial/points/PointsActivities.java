package io.perennial.points;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface PointsActivities {

    /** Expires what is left of every customer's points that expired by the cut; running it twice expires nothing more. */
    @ActivityMethod(name = "ExpirePoints")
    ExpiredPoints expirePoints(PointsExpiryCut cut);
}
