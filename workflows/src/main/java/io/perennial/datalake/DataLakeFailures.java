package io.perennial.datalake;

/** Failure types of the data-lake export. */
public final class DataLakeFailures {
    /**
     * The object store refused the export's credentials or has no such bucket: configuration ops must fix, so it is
     * not retried and the run fails where the Temporal UI shows it.
     */
    public static final String STORE_REFUSED = "DataLakeStoreRefused";
    /** The object store could not be reached or answered 5xx: retried by the activity's retry policy. */
    public static final String STORE_UNAVAILABLE = "DataLakeStoreUnavailable";

    private DataLakeFailures() {
    }
}
