-- One-off orders and carrier webhooks. (V14 is taken by the restock work.)

-- A SKU sold on its own has a unit price, set by an admin; one-off orders are priced from it on the server.
-- A SKU without one (only shipped in subscription boxes) cannot be ordered on its own.
ALTER TABLE skus
    ADD COLUMN unit_price_minor bigint  CHECK (unit_price_minor > 0),
    ADD COLUMN currency         char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT skus_price_complete CHECK ((unit_price_minor IS NULL) = (currency IS NULL));

CREATE INDEX orders_tracking_number_idx ON orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX orders_status_idx ON orders (status, placed_at DESC, order_id);

-- Carrier events the webhook accepted, one row per event id: a carrier delivers at least once, so a second
-- delivery of an event already signalled to its order is answered 200 and does nothing. signalled_at stays null
-- when the signal did not get through; the carrier's retry then signals it.
CREATE TABLE carrier_webhook_events (
    event_id        text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 200),
    tracking_number text        NOT NULL,
    order_id        text        NOT NULL,
    type            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    deliveries      integer     NOT NULL DEFAULT 1,
    signalled_at    timestamptz
);
CREATE INDEX carrier_webhook_events_order_idx ON carrier_webhook_events (order_id);

-- The simulated carrier's side: the tracking events it will post to our webhook after a booking, in sequence,
-- each due at a time of the carrier's clock, retried with backoff until our endpoint answers 2xx.
CREATE TABLE simulated_carrier_events (
    event_id        text        PRIMARY KEY,
    shipment_id     text        NOT NULL REFERENCES simulated_carrier_shipments (shipment_id),
    sequence        integer     NOT NULL CHECK (sequence > 0),
    type            text        NOT NULL CHECK (type IN ('PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED',
                                                         'EXCEPTION')),
    detail          text,
    due_at          timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_answer     text,
    delivered_at    timestamptz,
    gave_up_at      timestamptz,
    UNIQUE (shipment_id, sequence)
);
CREATE INDEX simulated_carrier_events_pending_idx ON simulated_carrier_events (next_attempt_at)
    WHERE delivered_at IS NULL AND gave_up_at IS NULL;
