package io.perennial.datalake;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A day of the ledger written to Parquet and read back by DuckDB, against PostgreSQL's own totals. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataLakeExportTest implements TestPropertyProvider {

    /** A day no other test writes invoices on. */
    static final LocalDate DAY = LocalDate.of(2031, 3, 7);
    private static final Path LAKE = temporaryFolder();

    @Inject
    DataLakeExport export;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    TransactionOperations<Connection> postgres;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.data-lake.dir", LAKE.toString());
        return properties;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("data-lake");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void invoice(Instant at, long amountMinor) {
        LakeInvoices.issue(billing, at, amountMinor);
    }

    private long[] postgresTotals() {
        return LakeInvoices.ofDay(postgres, DAY);
    }

    private long[] parquetTotals() throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rows = duck.createStatement().executeQuery("SELECT count(*), COALESCE(sum(total_minor), 0), "
                     + "count(DISTINCT date), min(issued_at)::VARCHAR FROM read_parquet('" + LAKE
                     + "/table=invoices/*/*.parquet', hive_partitioning = true) WHERE date = DATE '" + DAY + "'")) {
            rows.next();
            assertThat(rows.getLong(3)).isEqualTo(1);
            assertThat(rows.getString(4)).startsWith(DAY.toString());
            return new long[]{rows.getLong(1), rows.getLong(2)};
        }
    }

    @Test
    void aDayOfInvoicesReadBackByDuckDbMatchesPostgresAndAgainAfterBeingWrittenTwice() throws Exception {
        Instant morning = DAY.atTime(9, 30).toInstant(ZoneOffset.UTC);
        invoice(morning, 1299);
        invoice(morning.plus(Duration.ofHours(5)), 12900);
        invoice(morning.minus(Duration.ofHours(10)), 500);

        Map<LakeTable, Integer> written = export.exportDay(DAY);
        long[] first = parquetTotals();
        export.exportDay(DAY);

        assertThat(Files.exists(LAKE.resolve("table=invoices/date=2031-03-07/part-00000.parquet"))).isTrue();
        assertThat(written).containsKeys(LakeTable.values());
        assertThat(first).containsExactly(postgresTotals());
        assertThat(first[0]).isGreaterThanOrEqualTo(2);
        assertThat(parquetTotals()).containsExactly(first);
    }
}
