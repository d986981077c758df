package io.perennial.datalake;

/**
 * A run rewrites the last {@link #DAYS_BACK} complete UTC days, so rows that arrive late (a refund, a behaviour
 * batch) still land, and a weekly run (the embedded test clock) covers every day.
 *
 * @param trigger who asked: {@code schedule}
 */
public record DataLakeExportRequest(String trigger) {

    public static final int DAYS_BACK = 7;

    public static DataLakeExportRequest scheduled() {
        return new DataLakeExportRequest("schedule");
    }
}
