package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark once at a tiny size on one embedded platform, so the harness cannot rot between full runs. Asserts
 * that it measured (every phase did work, nothing failed), never a speed: speed is for the documented full runs.
 */
class BenchSmokeTest {

    private static final BenchOptions TINY = BenchOptions.parse(new String[] {"--clients", "2", "--seconds", "1",
            "--rounds", "1", "--count", "20"});

    @TempDir
    static Path data;

    private static EmbeddedStack stack;
    private static ApplicationContext platform;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(null, null, null, null, data));
        platform = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1,
                "perennial.catalog.allow-sub-day-intervals", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theCreateBenchmarkMeasuresBothTheApiAndItsFloorWithoutAFailure() throws Exception {
        CreateThroughput.Measured measured = CreateThroughput.measure(TINY, stack, platform);

        assertThat(measured.apiRate()).isPositive();
        assertThat(measured.floorRate()).isPositive();
        assertThat(measured.failed()).isZero();
    }

    @Test
    void theHistoryBenchmarkCountsARenewalCycleOfTheSubscriptionAndOfItsFloor() throws Exception {
        HistoryPerRenewal.Measured measured = HistoryPerRenewal.measure(TINY, stack, platform);

        assertThat(measured.floorPerCycle()).as("timer started and fired, one activity, two workflow tasks")
                .isEqualTo(11.0);
        assertThat(measured.subscriptionPerCycle()).isGreaterThan(measured.floorPerCycle());
        assertThat(measured.oneCycle()).containsKeys("TIMER_STARTED", "TIMER_FIRED", "ACTIVITY_TASK_SCHEDULED");
    }

    @Test
    void theBurstBenchmarkDrainsEveryRenewalAndItsFloorWithNoneChargedTwiceOrLost() throws Exception {
        BillingDayBurst.Measured measured = BillingDayBurst.measure(BenchOptions.parse(new String[] {"--clients", "2",
                "--seconds", "15", "--count", "20"}), stack, platform);

        assertThat(measured.floorSeconds()).isPositive();
        assertThat(measured.subscriptionSeconds()).isPositive();
        assertThat(measured.chargedTwice()).isZero();
        assertThat(measured.lost()).isZero();
    }

    @Test
    void theMemoryBenchmarkParksEverySubscriptionAndWeighsTheHeapBeforeAndAfter() throws Exception {
        ParkedMemory.Measured measured = ParkedMemory.measure(TINY, stack, platform);

        assertThat(measured.parked()).isEqualTo(20);
        assertThat(measured.floorBytes()).isPositive();
        assertThat(measured.parkedBytes()).isPositive();
    }

    @Test
    void theRollupBenchmarkGeneratesALedgerAndRollsUpItsLastDay() throws Exception {
        RollupScale.Measured measured = RollupScale.measure(platform, 200, 2, 1);

        assertThat(measured.rows()).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(measured.dayMillis()).hasSize(1);
        // 160 monthly and 40 yearly subscribers, most paying on 28 February: far above nothing.
        assertThat(measured.lastDayMrrMinor()).isGreaterThan(100 * 1299L);
    }

    @Test
    void theRefreshBenchmarkTimesAFullAndAnIncrementalRefreshThatStoreTheSameModel() throws Exception {
        RecommendationRefreshScale.Measured measured = RecommendationRefreshScale.measure(platform, 200, 40, 4, 5, 42);

        assertThat(measured.interactions()).isPositive();
        assertThat(measured.fullMillis()).isPositive();
        assertThat(measured.floorMillis()).isPositive();
        assertThat(measured.similarityRows()).isPositive();
        // 10 customers changed; other benchmarks' workflows on the shared platform may add a few.
        assertThat(measured.recomputed()).isPositive().isLessThan(measured.customers());
        assertThat(measured.largestDifference()).isLessThan(1e-9);
    }

    @Test
    void theReadBenchmarkMeasuresTheFloorAndBothRoutesWithoutAFailure() throws Exception {
        List<ReadLatency.Result> results = ReadLatency.measure(TINY, stack, platform);

        assertThat(results).extracting(ReadLatency.Result::route).containsExactly("GET /bench/floor (floor)",
                "GET /v1/plans", "GET /v1/subscriptions/{id}");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.saturation()).isPositive();
            assertThat(result.sent()).isPositive();
            assertThat(result.failed()).isZero();
            assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50()).isPositive();
        });
    }
}
