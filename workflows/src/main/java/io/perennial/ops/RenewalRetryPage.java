package io.perennial.ops;

import java.time.Instant;
import java.util.List;

/**
 * One page of a bulk retry: which failed renewals to take ({@code limit} after the row {@code afterSince},
 * {@code afterId}) and, in the answer, what became of them.
 */
public final class RenewalRetryPage {
    private RenewalRetryPage() {
    }

    public record Request(RenewalRetryFilter filter, Instant afterSince, String afterId, int limit,
                          String requestedBy, String reason) {
    }

    /** {@code lastSince}/{@code lastId}: the last row taken; {@code selected < limit} means the selection is done. */
    public record Result(int selected, int retried, List<String> skipped, Instant lastSince, String lastId) {
    }
}
