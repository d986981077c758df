package io.perennial.datalake;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface DataLakeActivities {

    /** Writes (or rewrites) the day's Parquet partition of every exported table. */
    @ActivityMethod(name = "ExportLakeDay")
    LakeDayExported exportLakeDay(LakeDay day);
}
