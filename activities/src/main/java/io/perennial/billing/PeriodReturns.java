package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * One rule for everything that gives back part of a paid period: a refund (on cancel, or by ops in their own
 * workflow), a pause credit and a plan change's credit for unused time together never exceed what the period was
 * sold for. Each of them takes the period's lock, reads what is {@link #left}, and books at most that, so the
 * order in which they arrive, or their racing, changes nothing (docs/billing.md, "What a period gives back").
 */
@Singleton
public class PeriodReturns {

    private final PeriodReturnsRepository periods;

    public PeriodReturns(PeriodReturnsRepository periods) {
        this.periods = periods;
    }

    /** Holds the period's lock until the caller's transaction ends. */
    public void lock(UUID subscriptionId, int period) {
        periods.lock(subscriptionId.toString(), period);
    }

    /** What the period can still give back: sold − returned, never negative. Call holding {@link #lock}. */
    public long left(UUID subscriptionId, int period) {
        return Math.max(0, periods.paid(subscriptionId, period) - periods.returned(subscriptionId, period));
    }

    /** What the period can still give back, read on its own (a plan change asks before it quotes its credit). */
    @Transactional
    public long returnable(UUID subscriptionId, int period) {
        lock(subscriptionId, period);
        return left(subscriptionId, period);
    }
}
