package io.perennial.payment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The operator switch of the simulated payment provider, kept in PostgreSQL so the API (which flips it) and every
 * worker (whose gateway obeys it) agree. In an outage every call fails as a real provider's would: a 503, or no
 * answer until the client gives up, and nothing reaches the provider's ledger, so no money moves. With lost answers
 * the charges are booked but their answers time out: the case the reconciliation sweep exists for.
 */
@Singleton
public class GatewayOutage {

    /** LOST_ANSWERS: every charge is booked (the money moves) but its answer never arrives, as after a timeout. */
    public enum Mode { NONE, ERRORS, TIMEOUTS, LOST_ANSWERS }

    @Introspected
    public record State(Mode mode, @Nullable String note, @Nullable String changedBy, Instant changedAt) {
    }

    private final GatewayOutageRepository switches;

    public GatewayOutage(GatewayOutageRepository switches) {
        this.switches = switches;
    }

    @Transactional
    public State state() {
        return switches.find();
    }

    @Transactional
    public State set(Mode mode, @Nullable String note, String changedBy) {
        switches.update(mode.name(), note, changedBy);
        return state();
    }
}
