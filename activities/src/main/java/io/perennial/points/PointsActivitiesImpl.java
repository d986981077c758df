package io.perennial.points;

import jakarta.inject.Singleton;

@Singleton
public class PointsActivitiesImpl implements PointsActivities {

    private final MemberPoints points;

    public PointsActivitiesImpl(MemberPoints points) {
        this.points = points;
    }

    @Override
    public ExpiredPoints expirePoints(PointsExpiryCut cut) {
        return points.expire(cut.asOf());
    }
}
