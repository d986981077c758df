-- Orders: the read model the API lists and reads (written by the order workflow's activities, newest revision
-- wins), one charge and its refunds per order, and the simulated carrier's own book of shipments.

CREATE TABLE orders (
    order_id              text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 200),
    customer_id           uuid        NOT NULL,
    workflow_id           text        NOT NULL UNIQUE,
    status                text        NOT NULL CHECK (status IN ('RECEIVED', 'BACKORDERED', 'STOCK_RESERVED', 'PAID',
                                          'SHIPMENT_BOOKED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY',
                                          'SHIPMENT_EXCEPTION', 'DELIVERED', 'CANCELED', 'CANCELED_BACKORDER',
                                          'FAILED')),
    -- [{"sku": "BEANS-250", "quantity": 2}, ...]
    lines                 jsonb       NOT NULL,
    amount_minor          bigint      NOT NULL CHECK (amount_minor > 0),
    currency              char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    charged_minor         bigint      NOT NULL DEFAULT 0 CHECK (charged_minor >= 0),
    refunded_minor        bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= charged_minor),
    shipping_address      jsonb       NOT NULL,
    backordered_skus      jsonb       NOT NULL DEFAULT '[]',
    backorder_deadline_at timestamptz,
    shipment_id           text,
    tracking_number       text,
    label_reference       text,
    pickup_deadline_at    timestamptz,
    failure_reason        text,
    -- The last cancel request and its answer: {"honoured": false, "answer": "refused: ...", ...}
    cancellation          jsonb,
    -- Every status with its time and reason, oldest first: [{"status": "RECEIVED", "at": "...", "reason": "placed"}]
    history               jsonb       NOT NULL,
    revision              bigint      NOT NULL,
    placed_at             timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, order_id);
CREATE INDEX orders_open_status_idx ON orders (status, updated_at)
    WHERE status NOT IN ('DELIVERED', 'CANCELED', 'CANCELED_BACKORDER', 'FAILED');

-- One charge per order, keyed order-{orderId}:charge; PENDING is stored before the provider is called.
-- Subscriptions keep their own payments table (per billing period); both go through the same gateway.
CREATE TABLE order_payments (
    id                uuid        PRIMARY KEY,
    idempotency_key   text        NOT NULL UNIQUE,
    order_id          text        NOT NULL UNIQUE,
    customer_id       uuid        NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor > 0),
    currency          char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method    text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED')),
    decline_code      text,
    gateway_reference text,
    business_time     timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_refunds (
    id                uuid        PRIMARY KEY,
    refund_key        text        NOT NULL UNIQUE,
    payment_id        uuid        NOT NULL REFERENCES order_payments (id),
    order_id          text        NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor > 0),
    currency          char(3)     NOT NULL,
    reason            text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    failure_code      text,
    gateway_reference text,
    business_time     timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_refunds_payment_idx ON order_refunds (payment_id);

-- The simulated carrier's own book, as a real carrier keeps on its side: one row per shipment id. A cancel of a
-- shipment never booked leaves a CANCELED row, so a booking that arrives late (a retried call) is refused.
CREATE TABLE simulated_carrier_shipments (
    shipment_id     text        PRIMARY KEY CHECK (length(shipment_id) BETWEEN 1 AND 200),
    order_id        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('BOOKED', 'CANCELED')),
    tracking_number text        UNIQUE,
    label_reference text,
    address         jsonb,
    booked_at       timestamptz,
    canceled_at     timestamptz,
    cancel_reason   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (status = 'CANCELED' OR tracking_number IS NOT NULL)
);
CREATE INDEX simulated_carrier_shipments_order_idx ON simulated_carrier_shipments (order_id);
