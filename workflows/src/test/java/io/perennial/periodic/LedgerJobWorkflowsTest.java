package io.perennial.periodic;

import io.perennial.datalake.DataLakeActivities;
import io.perennial.datalake.DataLakeExportRequest;
import io.perennial.datalake.DataLakeExportWorkflow;
import io.perennial.datalake.DataLakeExportWorkflowImpl;
import io.perennial.datalake.DataLakeExported;
import io.perennial.datalake.DataLakeFailures;
import io.perennial.datalake.LakeDay;
import io.perennial.datalake.LakeDayExported;
import io.perennial.points.ExpiredPoints;
import io.perennial.points.PointsActivities;
import io.perennial.points.PointsExpiryCut;
import io.perennial.points.PointsExpiryRequest;
import io.perennial.points.PointsExpiryWorkflow;
import io.perennial.points.PointsExpiryWorkflowImpl;
import io.perennial.recommendation.RecommendationActivities;
import io.perennial.recommendation.RecommendationModelState;
import io.perennial.recommendation.RecommendationRefreshCut;
import io.perennial.recommendation.RecommendationRefreshRequest;
import io.perennial.recommendation.RecommendationRefreshWorkflow;
import io.perennial.recommendation.RecommendationRefreshWorkflowImpl;
import io.perennial.recommendation.RecommendationsRefreshed;
import io.perennial.recommendation.RefreshKind;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Schedules' ledger jobs (points expiry, recommendation refresh, data-lake export): each works as of the
 * workflow's clock (the test clock in the embedded mode), survives a database hiccup by retrying its activity, and
 * replays its recorded history.
 */
class LedgerJobWorkflowsTest {

    private static final Instant NOW = Instant.parse("2027-03-03T02:00:00Z");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(PointsExpiryWorkflowImpl.class,
                    RecommendationRefreshWorkflowImpl.class, DataLakeExportWorkflowImpl.class)
            .setInitialTime(NOW)
            .setDoNotStart(true)
            .build();

    /** Fails its first call as PostgreSQL would while it restarts, then answers. */
    static class FirstCallFails {
        final AtomicInteger calls = new AtomicInteger();

        void call() {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Connection to localhost:5432 refused");
            }
        }
    }

    static final class Points extends FirstCallFails implements PointsActivities {
        final List<PointsExpiryCut> cuts = new CopyOnWriteArrayList<>();

        @Override
        public ExpiredPoints expirePoints(PointsExpiryCut cut) {
            cuts.add(cut);
            call();
            return new ExpiredPoints(cut.asOf(), 3, 1250);
        }
    }

    static final class Recommendations extends FirstCallFails implements RecommendationActivities {
        final List<RecommendationRefreshCut> cuts = new CopyOnWriteArrayList<>();
        final RecommendationModelState model;

        Recommendations(RecommendationModelState model) {
            this.model = model;
        }

        @Override
        public RecommendationModelState readModel() {
            return model;
        }

        @Override
        public RecommendationsRefreshed refreshRecommendations(RecommendationRefreshCut cut) {
            cuts.add(cut);
            call();
            return new RecommendationsRefreshed(cut.asOf(), 40, 610, 25, 12, cut.kind(),
                    cut.kind() == RefreshKind.FULL ? 25 : 2);
        }
    }

    /** Exports as many rows as the day of the month, and fails the first call of the third day. */
    static final class Lake implements DataLakeActivities {
        final List<LocalDate> calls = new CopyOnWriteArrayList<>();

        @Override
        public LakeDayExported exportLakeDay(LakeDay day) {
            calls.add(day.day());
            if (day.day().equals(LocalDate.parse("2027-02-26")) && calls.stream().filter(day.day()::equals).count() == 1) {
                throw new IllegalStateException("Disk quota exceeded writing orders/2027-02-26.parquet");
            }
            return new LakeDayExported(day.day(), day.day().getDayOfMonth());
        }
    }

    /** An object store that refuses the export's credentials from the second day on. */
    static final class RefusingLake implements DataLakeActivities {
        final List<LocalDate> calls = new CopyOnWriteArrayList<>();

        @Override
        public LakeDayExported exportLakeDay(LakeDay day) {
            calls.add(day.day());
            if (calls.size() > 1) {
                throw ApplicationFailure.newNonRetryableFailure("the data-lake store s3://lake/ refused "
                        + "table=analytics_daily/date=" + day.day() + ": SignatureDoesNotMatch (HTTP 403)",
                        DataLakeFailures.STORE_REFUSED);
            }
            return new LakeDayExported(day.day(), 1);
        }
    }

    private static <T> T stub(WorkflowClient client, Worker worker, Class<T> type, String id) {
        return client.newWorkflowStub(type,
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(worker.getTaskQueue()).build());
    }

    private static void replays(WorkflowClient client, String workflowId, String file, Class<?> type)
            throws Exception {
        Path recorded = Path.of("src/test/resources/histories/" + file);
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(workflowId).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)), type);
    }

    @Test
    void pointsExpireAsOfTheWorkflowsClockAndARefusedConnectionIsRetried(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker)
            throws Exception {
        Points points = new Points();
        worker.registerActivitiesImplementations(points);
        env.start();

        ExpiredPoints expired = stub(client, worker, PointsExpiryWorkflow.class, "schedule-points-expiry-1")
                .run(PointsExpiryRequest.scheduled());

        assertThat(points.calls).hasValue(2);
        assertThat(points.cuts).extracting(PointsExpiryCut::asOf).allSatisfy(asOf ->
                assertThat(asOf).isBetween(NOW, NOW.plusSeconds(60)));
        assertThat(points.cuts.get(1)).as("the retry expires as of the same cut").isEqualTo(points.cuts.get(0));
        assertThat(expired).isEqualTo(new ExpiredPoints(points.cuts.get(0).asOf(), 3, 1250));
        replays(client, "schedule-points-expiry-1", "points-expiry-retried.json", PointsExpiryWorkflowImpl.class);
    }

    @Test
    void recommendationsAreRefreshedAsOfTheWorkflowsClockAndARefusedConnectionIsRetried(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        Recommendations recommendations = new Recommendations(new RecommendationModelState(null, null));
        worker.registerActivitiesImplementations(recommendations);
        env.start();

        RecommendationsRefreshed refreshed = stub(client, worker, RecommendationRefreshWorkflow.class,
                "schedule-recommendation-refresh-1").run(RecommendationRefreshRequest.scheduled());

        assertThat(recommendations.calls).hasValue(2);
        assertThat(recommendations.cuts.get(0).asOf()).isBetween(NOW, NOW.plusSeconds(60));
        assertThat(recommendations.cuts.get(1)).isEqualTo(recommendations.cuts.get(0));
        assertThat(refreshed.asOf()).isEqualTo(recommendations.cuts.get(0).asOf());
        assertThat(refreshed.pairs()).isEqualTo(610);
        assertThat(refreshed.kind()).as("no model yet").isEqualTo(RefreshKind.FULL);
        replays(client, "schedule-recommendation-refresh-1", "recommendation-refresh-retried.json",
                RecommendationRefreshWorkflowImpl.class);
    }

    @Test
    void aScheduledRefreshWithinAWeekOfTheLastFullOneRecomputesOnlyWhatChanged(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        Recommendations recommendations = new Recommendations(new RecommendationModelState(
                NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(6))));
        worker.registerActivitiesImplementations(recommendations);
        env.start();

        RecommendationsRefreshed refreshed = stub(client, worker, RecommendationRefreshWorkflow.class,
                "schedule-recommendation-refresh-2").run(RecommendationRefreshRequest.scheduled());

        assertThat(recommendations.cuts).extracting(RecommendationRefreshCut::kind)
                .containsExactly(RefreshKind.INCREMENTAL, RefreshKind.INCREMENTAL);
        assertThat(refreshed.kind()).isEqualTo(RefreshKind.INCREMENTAL);
        assertThat(refreshed.recomputed()).isEqualTo(2);
        replays(client, "schedule-recommendation-refresh-2", "recommendation-refresh-incremental.json",
                RecommendationRefreshWorkflowImpl.class);
    }

    @Test
    void theLakeExportRewritesTheLastSevenCompleteDaysInOrderRetryingADayThatFailed(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        Lake lake = new Lake();
        worker.registerActivitiesImplementations(lake);
        env.start();

        DataLakeExported exported = stub(client, worker, DataLakeExportWorkflow.class, "schedule-data-lake-export-1")
                .run(DataLakeExportRequest.scheduled());

        // 02:00 on 3 March: 2 March is the last complete day; seven days back is 24 February. Today is not written.
        assertThat(lake.calls).containsExactly(LocalDate.parse("2027-02-24"), LocalDate.parse("2027-02-25"),
                LocalDate.parse("2027-02-26"), LocalDate.parse("2027-02-26"), LocalDate.parse("2027-02-27"),
                LocalDate.parse("2027-02-28"), LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-02"));
        // Rows per day are its day of the month: 24 + 25 + 26 + 27 + 28 + 1 + 2, the failed attempt counting none.
        assertThat(exported).isEqualTo(new DataLakeExported(LocalDate.parse("2027-02-24"),
                LocalDate.parse("2027-03-02"), 133));
        replays(client, "schedule-data-lake-export-1", "data-lake-export-day-retried.json",
                DataLakeExportWorkflowImpl.class);
    }

    @Test
    void aStoreRefusingTheCredentialsFailsTheExportRunAtOnceWithoutExportingTheDaysAfter(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        RefusingLake lake = new RefusingLake();
        worker.registerActivitiesImplementations(lake);
        env.start();

        WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> stub(client,
                worker, DataLakeExportWorkflow.class, "schedule-data-lake-export-refused")
                .run(DataLakeExportRequest.scheduled()));

        assertThat(lake.calls).containsExactly(LocalDate.parse("2027-02-24"), LocalDate.parse("2027-02-25"));
        assertThat(failed.getCause().getCause()).isInstanceOfSatisfying(ApplicationFailure.class, refused -> {
            assertThat(refused.getType()).isEqualTo(DataLakeFailures.STORE_REFUSED);
            assertThat(refused.getOriginalMessage()).contains("SignatureDoesNotMatch");
        });
    }
}
