-- A charge the provider never booked, for an invoice nothing will collect any more (it was voided): never to be
-- tried again, and no longer in doubt.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'ABANDONED'));
CREATE INDEX payments_pending_idx ON payments (created_at) WHERE status = 'PENDING';

-- The simulated provider can book every charge and lose its answer (a timeout after the money moved).
ALTER TABLE simulated_gateway_outage DROP CONSTRAINT simulated_gateway_outage_mode_check;
ALTER TABLE simulated_gateway_outage ADD CONSTRAINT simulated_gateway_outage_mode_check
    CHECK (mode IN ('NONE', 'ERRORS', 'TIMEOUTS', 'LOST_ANSWERS'));
