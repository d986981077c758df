package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.customer.RefreshToken;
import io.perennial.customer.RefreshTokenRepository;
import io.perennial.customer.UserAccountRepository;
import io.perennial.worker.PeriodicJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.perennial.event.EventLog;
import io.perennial.event.EventRepository;
import io.perennial.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic jobs in the embedded mode: the in-process Temporal has no Schedule API, so each job runs on a timer
 * loop that follows the test clock (weekly in this mode).
 */
@PlatformTest(ownPlatform = true)
class PeriodicJobsTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWeekOfTheTestClockRunsTheSweepAndThePurgesOfTokensAndEventsOnTheirTimers() {
        PeriodicJobs jobs = platform.bean(PeriodicJobs.class);
        assertThat(jobs.ensureAll()).as("again at the next start: nothing new").isEqualTo(PeriodicJobs.Mode.TIMER_LOOP);
        RefreshTokenRepository tokens = platform.bean(RefreshTokenRepository.class);
        UUID opsUser = platform.bean(UserAccountRepository.class).findByEmail(DemoAccounts.OPS_EMAIL)
                .orElseThrow().id();
        Instant longAgo = Instant.now().minus(Duration.ofDays(5));
        RefreshToken expired = tokens.save(RefreshToken.issue(UUID.randomUUID(), opsUser,
                (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""),
                longAgo, longAgo.plus(Duration.ofDays(1))));
        assertThat((List<Object>) api.get(ops, "/v1/ops/reconciliation").get("items")).isEmpty();
        // An event past its 30 days of retention, by business time.
        String staleEvent = EventLog.eventId(EventType.STOCK_LOW, "SKU-STALE", "stale");
        platform.bean(EventLog.class).record(EventType.STOCK_LOW, "SKU-STALE", "stale",
                Instant.now().minus(Duration.ofDays(31)), Map.of("sku", "SKU-STALE"));
        EventRepository events = platform.bean(EventRepository.class);
        assertThat(events.find(staleEvent)).isPresent();

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P7DT1M"));

        List<Map<String, Object>> runs = ApiSession.eventually(
                () -> (List<Map<String, Object>>) api.get(ops, "/v1/ops/reconciliation").get("items"),
                items -> !items.isEmpty(), Duration.ofSeconds(20));
        assertThat(runs).singleElement().satisfies(run -> assertThat(run).containsEntry("trigger", "schedule")
                .containsEntry("examined", 0));
        assertThat(ApiSession.eventually(() -> tokens.findById(expired.id()).isPresent(), present -> !present,
                Duration.ofSeconds(20))).as("purged").isFalse();
        assertThat(ApiSession.eventually(() -> events.find(staleEvent).isPresent(), present -> !present,
                Duration.ofSeconds(20))).as("event purged").isFalse();
    }
}
