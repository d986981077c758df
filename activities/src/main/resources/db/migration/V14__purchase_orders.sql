-- Purchase orders of the restock process (RestockWorkflow, one open per SKU), their receipts (idempotent by
-- receipt id), and the simulated supplier's own book of the orders it took (idempotent by purchase order id).
-- (V13 is taken by the orders API and carrier webhooks.)
CREATE TABLE purchase_orders (
    id                 text        PRIMARY KEY CHECK (id ~ '^po-[A-Z0-9][A-Z0-9._-]{0,63}-[0-9]+$'),
    sku                text        NOT NULL REFERENCES skus (sku),
    supplier_id        text        NOT NULL REFERENCES suppliers (id),
    quantity           integer     NOT NULL CHECK (quantity > 0),
    received_quantity  integer     NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
    status             text        NOT NULL CHECK (status IN ('PLACING', 'PLACED', 'PARTIALLY_RECEIVED', 'RECEIVED',
                                                              'REJECTED', 'UNCONFIRMED', 'OVERDUE',
                                                              'SHORT_CLOSED')),
    supplier_reference text,
    replaces           text        REFERENCES purchase_orders (id),
    note               text,
    placed_at          timestamptz NOT NULL,
    due_at             timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- Never more received than ordered.
    CHECK (received_quantity <= quantity)
);
CREATE INDEX purchase_orders_by_sku ON purchase_orders (sku, placed_at);
CREATE INDEX purchase_orders_by_status ON purchase_orders (status, placed_at);

CREATE TABLE purchase_order_receipts (
    purchase_order_id text        NOT NULL REFERENCES purchase_orders (id),
    receipt_id        text        NOT NULL CHECK (receipt_id ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
    quantity          integer     NOT NULL CHECK (quantity > 0),
    received_by       text        NOT NULL,
    received_at       timestamptz NOT NULL,
    PRIMARY KEY (purchase_order_id, receipt_id)
);

CREATE TABLE simulated_supplier_orders (
    purchase_order_id text        PRIMARY KEY,
    supplier_id       text        NOT NULL,
    sku               text        NOT NULL,
    quantity          integer     NOT NULL CHECK (quantity > 0),
    reference         text        NOT NULL UNIQUE,
    created_at        timestamptz NOT NULL DEFAULT now()
);
