package io.perennial.recommendation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When the refresh workflow rebuilds the model from scratch, and when it recomputes only what changed. */
class RefreshKindTest {

    private static final Instant NOW = Instant.parse("2027-03-03T02:00:00Z");
    private static final RecommendationModelState TWO_DAYS_OLD = new RecommendationModelState(
            NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(6)));

    @Test
    void theScheduleRefreshesIncrementallyWithinAWeekOfTheLastFullRebuild() {
        assertThat(RefreshKind.forRun(RecommendationRefreshRequest.scheduled(), TWO_DAYS_OLD, NOW))
                .isEqualTo(RefreshKind.INCREMENTAL);
    }

    @Test
    void theScheduleRebuildsFullyWhenTheLastFullRebuildIsAWeekOld() {
        RecommendationModelState weekOld = new RecommendationModelState(NOW.minus(Duration.ofDays(7)),
                NOW.minus(Duration.ofHours(6)));

        assertThat(RefreshKind.forRun(RecommendationRefreshRequest.scheduled(), weekOld, NOW))
                .isEqualTo(RefreshKind.FULL);
    }

    @Test
    void theFirstRefreshAndAClockBehindTheModelsCutRebuildFully() {
        assertThat(RefreshKind.forRun(RecommendationRefreshRequest.scheduled(),
                new RecommendationModelState(null, null), NOW)).isEqualTo(RefreshKind.FULL);
        assertThat(RefreshKind.forRun(RecommendationRefreshRequest.scheduled(), TWO_DAYS_OLD,
                NOW.minus(Duration.ofHours(7)))).isEqualTo(RefreshKind.FULL);
    }

    @Test
    void opsCanForceAFullRebuild() {
        assertThat(RefreshKind.forRun(new RecommendationRefreshRequest("ops:u1", true), TWO_DAYS_OLD, NOW))
                .isEqualTo(RefreshKind.FULL);
    }
}
