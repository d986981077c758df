package io.perennial.datalake;

import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

@Singleton
public class DataLakeActivitiesImpl implements DataLakeActivities {

    private final DataLakeExport export;

    public DataLakeActivitiesImpl(DataLakeExport export) {
        this.export = export;
    }

    @Override
    public LakeDayExported exportLakeDay(LakeDay day) {
        try {
            return new LakeDayExported(day.day(),
                    export.exportDay(day.day()).values().stream().mapToLong(Integer::longValue).sum());
        } catch (LakeStoreFailure e) {
            // A refused credential or a missing bucket fails the run for ops to see; an unreachable store is retried.
            String message = "exporting " + day.day() + ": " + e.getMessage();
            throw e.refused()
                    ? ApplicationFailure.newNonRetryableFailureWithCause(message, DataLakeFailures.STORE_REFUSED, e)
                    : ApplicationFailure.newFailureWithCause(message, DataLakeFailures.STORE_UNAVAILABLE, e);
        }
    }
}
