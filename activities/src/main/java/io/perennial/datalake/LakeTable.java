package io.perennial.datalake;

/**
 * The tables the data-lake export writes, each with the column whose UTC day picks a day's rows. Facts are per day
 * already; ledger rows go by their business time; behaviour by when it was received, so a late batch is not lost.
 */
public enum LakeTable {
    ANALYTICS_DAILY("analytics_daily", "SELECT * FROM analytics_daily WHERE day = CAST(? AS date) ORDER BY currency", true),
    ANALYTICS_ORDERS_DAILY("analytics_orders_daily",
            "SELECT * FROM analytics_orders_daily WHERE day = CAST(? AS date) ORDER BY currency", true),
    ANALYTICS_SKU_UNITS("analytics_sku_units", "SELECT * FROM analytics_sku_units WHERE day = CAST(? AS date)", true),
    INVOICES("invoices", "SELECT * FROM invoices WHERE issued_at >= ? AND issued_at < ? ORDER BY issued_at, id", false),
    PAYMENTS("payments",
            "SELECT * FROM payments WHERE business_time >= ? AND business_time < ? ORDER BY business_time, id", false),
    EVENTS("events", "SELECT * FROM events WHERE created >= ? AND created < ? ORDER BY seq", false),
    BEHAVIOUR("behaviour", "SELECT * FROM behaviour_events WHERE received_at >= ? AND received_at < ? ORDER BY id",
            false);

    private final String partitionName;
    private final String query;
    private final boolean byDate;

    LakeTable(String partitionName, String query, boolean byDate) {
        this.partitionName = partitionName;
        this.query = query;
        this.byDate = byDate;
    }

    /** The {@code table=…} folder name. */
    public String partitionName() {
        return partitionName;
    }

    /** The day's rows: one date parameter, or the day's start and end as timestamps. */
    public String query() {
        return query;
    }

    public boolean byDate() {
        return byDate;
    }
}
