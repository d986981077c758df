package io.perennial.subscription;

import java.time.Instant;

/** Pause billing; {@code resumeAt} (optional) resumes automatically then. */
public record PauseRequest(PauseTiming timing, Instant resumeAt) {
    public PauseRequest {
        if (timing == null) {
            timing = PauseTiming.AT_PERIOD_END;
        }
    }
}
