package io.perennial.datalake;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.BusinessTime;
import io.perennial.temporal.RetryPolicies;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

public class DataLakeExportWorkflowImpl implements DataLakeExportWorkflow {

    /** A day of every table, written file by file; a retry rewrites the same files. */
    private final DataLakeActivities lake = ActivityStubs.stub(DataLakeActivities.class, Duration.ofMinutes(10),
            RetryPolicies.DATABASE);

    @Override
    public DataLakeExported run(DataLakeExportRequest request) {
        // The workflow's clock: on the embedded test clock the export follows the simulated days.
        LocalDate today = BusinessTime.now().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.minusDays(DataLakeExportRequest.DAYS_BACK);
        long rows = 0;
        for (LocalDate day = from; day.isBefore(today); day = day.plusDays(1)) {
            rows += lake.exportLakeDay(new LakeDay(day)).rows();
        }
        return new DataLakeExported(from, today.minusDays(1), rows);
    }
}
