-- Stock for physical goods: suppliers (with a lead time), SKUs with on-hand and reserved quantities, reservations
-- held per order or box (idempotent by reservation id), and every movement of on-hand stock.
-- (V9 and V10 are taken by the token and API-contract work.)
CREATE TABLE suppliers (
    id                text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    lead_time_seconds bigint      NOT NULL CHECK (lead_time_seconds > 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skus (
    sku                   text        PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    product_id            text        NOT NULL REFERENCES products (id),
    name                  text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    on_hand               integer     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved              integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    reorder_point         integer     NOT NULL CHECK (reorder_point >= 0),
    reorder_quantity      integer     NOT NULL CHECK (reorder_quantity > 0),
    preferred_supplier_id text        NOT NULL REFERENCES suppliers (id),
    alternate_supplier_id text        REFERENCES suppliers (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    -- Never oversold: what is reserved is on the shelf.
    CHECK (reserved <= on_hand),
    CHECK (alternate_supplier_id IS NULL OR alternate_supplier_id <> preferred_supplier_id)
);

CREATE TABLE stock_reservations (
    reservation_id text        NOT NULL CHECK (length(reservation_id) BETWEEN 1 AND 200),
    sku            text        NOT NULL REFERENCES skus (sku),
    quantity       integer     NOT NULL CHECK (quantity > 0),
    status         text        NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'SHIPPED')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    settled_at     timestamptz,
    PRIMARY KEY (reservation_id, sku)
);
CREATE INDEX stock_reservations_held ON stock_reservations (sku) WHERE status = 'HELD';

CREATE TABLE stock_movements (
    id        uuid        PRIMARY KEY,
    sku       text        NOT NULL REFERENCES skus (sku),
    delta     integer     NOT NULL CHECK (delta <> 0),
    kind      text        NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RECEIPT', 'SHIPMENT')),
    reason    text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    reference text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_by_sku ON stock_movements (sku, at);
