-- Member points as a ledger, one row per movement; a customer's balance is the sum. Earned on money paid (an
-- invoice paid, an order delivered), written in the same transaction as that payment or delivery, once per
-- business identity (entry_key). Points carry no currency: they are counted per major unit of what was paid.
CREATE TABLE points_entries (
    id            uuid PRIMARY KEY,
    entry_key     text        NOT NULL UNIQUE,
    customer_id   uuid        NOT NULL,
    kind          text        NOT NULL
        CHECK (kind IN ('EARNED', 'CLAWBACK', 'EXPIRED', 'REDEEMED', 'GRANT', 'ADJUSTMENT')),
    points        bigint      NOT NULL,
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    -- For EARNED: what was paid (to take back a refund's share of it). For CLAWBACK: the EARNED entry it takes from.
    paid_minor    bigint CHECK (paid_minor >= 0),
    currency      char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    source_key    text,
    -- Positive entries expire; the expiry job takes back what is left of them, oldest first.
    expires_at    timestamptz,
    business_time timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT points_entries_sign CHECK (CASE
        WHEN kind IN ('EARNED', 'GRANT') THEN points > 0
        WHEN kind = 'ADJUSTMENT' THEN points <> 0
        ELSE points <= 0 END),
    CONSTRAINT points_entries_expiry CHECK ((points > 0) = (expires_at IS NOT NULL)),
    CONSTRAINT points_entries_source CHECK ((kind = 'CLAWBACK') = (source_key IS NOT NULL))
);
CREATE INDEX points_entries_customer_idx ON points_entries (customer_id, business_time DESC, id DESC);
CREATE INDEX points_entries_expiry_idx ON points_entries (expires_at) WHERE expires_at IS NOT NULL;

-- Points per major unit paid, per plan or SKU; an item without a row earns the configured default.
CREATE TABLE points_rates (
    item_type       text    NOT NULL CHECK (item_type IN ('plan', 'sku')),
    item_id         text    NOT NULL,
    points_per_unit integer NOT NULL CHECK (points_per_unit BETWEEN 0 AND 1000),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (item_type, item_id)
);

-- Ops and admins take account credit away with a reason (ADJUSTMENT, negative; a positive correction is a GRANT).
ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_kind_check;
ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_kind_check
    CHECK (kind IN ('GRANT', 'CONSUMED', 'RETURNED', 'CLAWBACK', 'ADJUSTMENT'));
ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_sign;
ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_sign CHECK (CASE kind
    WHEN 'GRANT' THEN amount_minor > 0
    WHEN 'RETURNED' THEN amount_minor > 0
    WHEN 'CONSUMED' THEN amount_minor < 0
    WHEN 'ADJUSTMENT' THEN amount_minor < 0
    ELSE amount_minor <= 0 END);
