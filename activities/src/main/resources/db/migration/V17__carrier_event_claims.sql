-- A carrier event is claimed before it is signalled: of concurrent deliveries of one event only the one that set
-- claimed_at signals it; the others wait for its outcome and answer DUPLICATE once it is signalled. A claim whose
-- signal failed is released at once; one whose process died expires after a minute, and the carrier's next delivery
-- signals the event.
ALTER TABLE carrier_webhook_events ADD COLUMN claimed_at timestamptz;
