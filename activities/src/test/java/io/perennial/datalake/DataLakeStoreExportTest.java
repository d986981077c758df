package io.perennial.datalake;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The data-lake export uploading to a real S3 server started by the test (s3proxy): the objects downloaded and read
 * back by DuckDB match PostgreSQL, a rewritten day holds exactly its rows, and a store that is down, failing or
 * refusing the credentials fails the export instead of reporting the day done.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataLakeStoreExportTest implements TestPropertyProvider {

    /** Days no other test writes invoices on. */
    static final LocalDate DAY = LocalDate.of(2031, 4, 11);
    static final LocalDate FAILING_DAY = LocalDate.of(2031, 4, 12);
    static final LocalDate DOWN_DAY = LocalDate.of(2031, 4, 13);
    static final String BUCKET = "perennial-lake";
    /** Written with stray slashes on purpose: the keys still start {@code exports/perennial/table=…}. */
    static final String PREFIX = "/exports/perennial/";
    static final String KEYS = "exports/perennial/";

    private static final TestS3Server S3 = new TestS3Server(BUCKET);

    @Inject
    DataLakeExport export;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    TransactionOperations<Connection> postgres;
    @Inject
    DataLakeConfiguration lake;
    @Inject
    S3LakeConfiguration store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.data-lake.dir", temporaryFolder("data-lake-staging").toString());
        properties.put("perennial.data-lake.s3.endpoint", S3.endpoint());
        properties.put("perennial.data-lake.s3.bucket", BUCKET);
        properties.put("perennial.data-lake.s3.prefix", PREFIX);
        properties.put("perennial.data-lake.s3.path-style", "true");
        properties.put("perennial.data-lake.s3.access-key-id", TestS3Server.ACCESS_KEY);
        properties.put("perennial.data-lake.s3.secret-access-key", TestS3Server.SECRET_KEY);
        properties.put("perennial.data-lake.s3.timeout", "5s");
        return properties;
    }

    @AfterAll
    void stopTheStore() {
        S3.close();
    }

    private static Path temporaryFolder(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void invoice(Instant at, long amountMinor) {
        LakeInvoices.issue(billing, at, amountMinor);
    }

    private static String partition(LakeTable table, LocalDate day) {
        return KEYS + "table=" + table.partitionName() + "/date=" + day + "/part-00000.parquet";
    }

    private static List<String> everyPartition(LocalDate day) {
        return Arrays.stream(LakeTable.values()).map(table -> partition(table, day)).sorted().toList();
    }

    private static List<String> keysOf(LocalDate day) {
        return S3.keys(BUCKET, KEYS).stream().filter(key -> key.contains("/date=" + day + "/")).toList();
    }

    private long[] postgresInvoices(LocalDate day) {
        return LakeInvoices.ofDay(postgres, day);
    }

    /** The day's invoices as DuckDB reads them from the objects downloaded out of the store. */
    private static long[] storedInvoices(LocalDate day) throws SQLException {
        Path downloaded = S3.download(BUCKET, KEYS, temporaryFolder("data-lake-downloaded"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rows = duck.createStatement().executeQuery("SELECT count(*), COALESCE(sum(total_minor), 0) "
                     + "FROM read_parquet('" + downloaded + "/table=invoices/*/*.parquet', hive_partitioning = true) "
                     + "WHERE date = DATE '" + day + "'")) {
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Rows of each table's object for the day, as DuckDB counts them. */
    private static Map<LakeTable, Integer> storedRows(LocalDate day) throws SQLException {
        Path downloaded = S3.download(BUCKET, KEYS, temporaryFolder("data-lake-downloaded"));
        Map<LakeTable, Integer> rows = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (LakeTable table : LakeTable.values()) {
                try (ResultSet count = duck.createStatement().executeQuery("SELECT count(*) FROM read_parquet('"
                        + downloaded + "/table=" + table.partitionName() + "/date=" + day + "/*.parquet')")) {
                    count.next();
                    rows.put(table, count.getInt(1));
                }
            }
        }
        return rows;
    }

    @Test
    void aDayUploadedToTheStoreReadsBackInDuckDbLikePostgresAndARewrittenDayHoldsExactlyItsRows() throws Exception {
        Instant morning = DAY.atTime(9, 30).toInstant(ZoneOffset.UTC);
        invoice(morning, 1299);
        invoice(morning.plus(Duration.ofHours(5)), 12900);

        Map<LakeTable, Integer> first = export.exportDay(DAY);
        long[] firstStored = storedInvoices(DAY);
        invoice(morning.plus(Duration.ofHours(8)), 4500);
        Map<LakeTable, Integer> second = export.exportDay(DAY);

        assertThat(keysOf(DAY)).containsExactlyElementsOf(everyPartition(DAY));
        assertThat(firstStored).containsExactly(2, 1299 + 12900);
        assertThat(storedInvoices(DAY)).containsExactly(postgresInvoices(DAY)).containsExactly(3, 1299 + 12900 + 4500);
        assertThat(second.get(LakeTable.INVOICES)).isEqualTo(first.get(LakeTable.INVOICES) + 1);
        assertThat(storedRows(DAY)).isEqualTo(second);
    }

    @Test
    void aStoreAnswering503MidwayFailsTheDayRetryablyAndTheRetryCompletesIt() throws Exception {
        invoice(FAILING_DAY.atTime(11, 0).toInstant(ZoneOffset.UTC), 2599);
        DataLakeActivitiesImpl activities = new DataLakeActivitiesImpl(export);
        S3.failUploadsOf("table=events/");

        ApplicationFailure failed;
        try {
            failed = catchThrowableOfType(ApplicationFailure.class,
                    () -> activities.exportLakeDay(new LakeDay(FAILING_DAY)));
        } finally {
            S3.heal();
        }
        List<String> afterFailure = keysOf(FAILING_DAY);
        LakeDayExported retried = activities.exportLakeDay(new LakeDay(FAILING_DAY));

        assertThat(failed.isNonRetryable()).isFalse();
        assertThat(failed.getType()).isEqualTo(DataLakeFailures.STORE_UNAVAILABLE);
        assertThat(failed.getOriginalMessage()).contains(FAILING_DAY.toString(), "table=events", "HTTP 503",
                "s3://" + BUCKET + "/" + KEYS, S3.endpoint());
        // What was uploaded before the failure is whole; the rest is missing, and the day was not reported done.
        assertThat(afterFailure).contains(partition(LakeTable.INVOICES, FAILING_DAY))
                .doesNotContain(partition(LakeTable.EVENTS, FAILING_DAY), partition(LakeTable.BEHAVIOUR, FAILING_DAY));
        assertThat(keysOf(FAILING_DAY)).containsExactlyElementsOf(everyPartition(FAILING_DAY));
        assertThat(storedInvoices(FAILING_DAY)).containsExactly(postgresInvoices(FAILING_DAY));
        assertThat(retried.rows()).isEqualTo(storedRows(FAILING_DAY).values().stream().mapToLong(Integer::longValue)
                .sum());
    }

    @Test
    void anExportWhileTheStoreIsDownFailsWithAClearMessageAndLeavesNothingOfTheDay() throws Exception {
        invoice(DOWN_DAY.atTime(8, 0).toInstant(ZoneOffset.UTC), 999);

        S3.stop();
        try {
            assertThatThrownBy(() -> export.exportDay(DOWN_DAY))
                    .isInstanceOfSatisfying(LakeStoreFailure.class, failure ->
                            assertThat(failure.refused()).isFalse())
                    .hasMessageContaining("could not be reached")
                    .hasMessageContaining(S3.endpoint());
        } finally {
            S3.start();
        }
        List<String> afterOutage = keysOf(DOWN_DAY);
        export.exportDay(DOWN_DAY);

        assertThat(afterOutage).isEmpty();
        assertThat(keysOf(DOWN_DAY)).containsExactlyElementsOf(everyPartition(DOWN_DAY));
        assertThat(storedInvoices(DOWN_DAY)).containsExactly(1, 999);
    }

    @Test
    void aRefusedCredentialOrAMissingBucketIsANonRetryableFailureOpsSee() {
        S3LakeConfiguration wrongSecret = new S3LakeConfiguration(store.endpoint(), BUCKET, PREFIX, store.region(),
                true, TestS3Server.ACCESS_KEY, "not-the-secret", store.timeout());
        S3LakeConfiguration noBucket = new S3LakeConfiguration(store.endpoint(), "no-such-bucket", PREFIX,
                store.region(), true, TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY, store.timeout());

        ApplicationFailure badCredential = exportingWith(wrongSecret);
        ApplicationFailure missingBucket = exportingWith(noBucket);

        assertThat(badCredential.isNonRetryable()).isTrue();
        assertThat(badCredential.getType()).isEqualTo(DataLakeFailures.STORE_REFUSED);
        assertThat(badCredential.getOriginalMessage()).contains("refused", "HTTP 403",
                "PERENNIAL_DATA_LAKE_S3_SECRET_ACCESS_KEY");
        assertThat(missingBucket.isNonRetryable()).isTrue();
        assertThat(missingBucket.getOriginalMessage()).contains("NoSuchBucket", "s3://no-such-bucket/");
    }

    @Test
    void aStoreWithoutAnyCredentialIsRefusedRatherThanRetried() {
        // The AWS default chain, with nothing to find: no keys in the environment or system properties, no profile,
        // and the instance metadata service (an address off this machine) switched off.
        Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
                && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")));
        String metadata = System.setProperty("aws.disableEc2Metadata", "true");
        S3LakeObjectStore objects = new S3LakeObjectStore(new S3LakeConfiguration(store.endpoint(), BUCKET, PREFIX,
                store.region(), true, null, null, store.timeout()));
        try {
            LakeStoreFailure failure = catchThrowableOfType(LakeStoreFailure.class,
                    () -> objects.put("table=x/date=2031-04-11/part-00000.parquet", Path.of("none")));

            assertThat(failure.refused()).isTrue();
            assertThat(failure).hasMessageContaining("has no credentials")
                    .hasMessageContaining("PERENNIAL_DATA_LAKE_S3_ACCESS_KEY_ID");
        } finally {
            objects.close();
            if (metadata == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", metadata);
            }
        }
    }

    private ApplicationFailure exportingWith(S3LakeConfiguration configuration) {
        S3LakeObjectStore objects = new S3LakeObjectStore(configuration);
        try {
            DataLakeActivitiesImpl activities = new DataLakeActivitiesImpl(
                    new DataLakeExport(postgres, lake, Optional.of(objects)));
            return catchThrowableOfType(ApplicationFailure.class, () -> activities.exportLakeDay(new LakeDay(DAY)));
        } finally {
            objects.close();
        }
    }
}
