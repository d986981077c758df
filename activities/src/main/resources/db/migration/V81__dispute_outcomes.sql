-- A dispute is decided at the provider (charge.dispute.closed): WON (or an inquiry closed without a chargeback) brings
-- the amount back to recognised revenue, LOST keeps it out. OPEN until then.
ALTER TABLE payment_disputes ADD COLUMN status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'WON', 'LOST'));
ALTER TABLE payment_disputes ADD COLUMN closed_at timestamptz;
ALTER TABLE payment_disputes ADD COLUMN close_event_id text;
