package io.perennial.datalake;

import jakarta.inject.Singleton;

@Singleton
public class DataLakeActivitiesImpl implements DataLakeActivities {

    private final DataLakeExport export;

    public DataLakeActivitiesImpl(DataLakeExport export) {
        this.export = export;
    }

    @Override
    public LakeDayExported exportLakeDay(LakeDay day) {
        return new LakeDayExported(day.day(),
                export.exportDay(day.day()).values().stream().mapToLong(Integer::longValue).sum());
    }
}
