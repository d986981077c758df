-- A charge the provider never booked, for an invoice nothing will collect any more (it was voided): never to be
-- tried again, and no longer in doubt.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'ABANDONED'));
CREATE INDEX payments_pending_idx ON payments (business_time) WHERE status = 'PENDING';

-- The simulated provider can book every charge and lose its answer (a timeout after the money moved).
ALTER TABLE simulated_gateway_outage DROP CONSTRAINT simulated_gateway_outage_mode_check;
ALTER TABLE simulated_gateway_outage ADD CONSTRAINT simulated_gateway_outage_mode_check
    CHECK (mode IN ('NONE', 'ERRORS', 'TIMEOUTS', 'LOST_ANSWERS'));

-- The reconciliation sweep's drift report: one row per run with its counts, one row per charge it found in doubt.
CREATE TABLE reconciliation_runs (
    id             uuid PRIMARY KEY,
    run_key        text        NOT NULL UNIQUE,
    trigger        text        NOT NULL,
    business_time  timestamptz NOT NULL,
    examined       integer     NOT NULL,
    settled        integer     NOT NULL,
    refunded       integer     NOT NULL,
    abandoned      integer     NOT NULL,
    woken          integer     NOT NULL,
    still_in_doubt integer     NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX reconciliation_runs_recent_idx ON reconciliation_runs (business_time DESC, id);

CREATE TABLE reconciliation_findings (
    id              uuid PRIMARY KEY,
    run_id          uuid        NOT NULL REFERENCES reconciliation_runs (id),
    payment_id      uuid        NOT NULL REFERENCES payments (id),
    idempotency_key text        NOT NULL,
    subscription_id uuid        NOT NULL,
    amount_minor    bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    -- what the provider said: SUCCEEDED, DECLINED, NOT_BOOKED, UNREACHABLE, or UNKNOWN (our side failed)
    provider_said   text        NOT NULL,
    -- what the sweep did: SETTLED, REFUNDED, REFUND_PENDING, REFUND_REFUSED, ABANDONED, or NONE (left as it is)
    fix             text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX reconciliation_findings_run_idx ON reconciliation_findings (run_id);
