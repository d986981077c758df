-- What signed-in customers do on the storefront, as they report it (POST /v1/behaviour), append-only and written
-- in batches. Purchases, subscriptions, renewals, cancellations and deliveries are not copied here: the
-- recommendation refresh reads them from the ledger itself.
CREATE TABLE behaviour_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id uuid        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('viewed', 'added_to_cart', 'searched', 'rated')),
    item_type   text CHECK (item_type IN ('product', 'plan', 'sku')),
    item_id     text CHECK (length(item_id) BETWEEN 1 AND 64),
    query       text CHECK (length(query) BETWEEN 1 AND 200),
    rating      smallint CHECK (rating BETWEEN 1 AND 5),
    -- The client's clock: when the customer did it (decay is computed from it).
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT behaviour_events_item CHECK ((type = 'searched') = (item_id IS NULL) AND (item_id IS NULL) = (item_type IS NULL)),
    CONSTRAINT behaviour_events_query CHECK ((type = 'searched') = (query IS NOT NULL)),
    CONSTRAINT behaviour_events_rating CHECK ((type = 'rated') = (rating IS NOT NULL))
);
CREATE INDEX behaviour_events_customer_idx ON behaviour_events (customer_id, occurred_at);
CREATE INDEX behaviour_events_received_idx ON behaviour_events (received_at);

-- Item-to-item similarities of the last refresh (item keys are 'plan:ID', 'sku:ID', 'product:ID'); each item keeps
-- its best neighbours only. Replaced as a whole by each refresh, in one transaction.
CREATE TABLE item_similarities (
    item_key    text             NOT NULL,
    similar_key text             NOT NULL,
    score       double precision NOT NULL CHECK (score > 0),
    -- How many customers interacted with both.
    support     integer          NOT NULL CHECK (support > 0),
    PRIMARY KEY (item_key, similar_key)
);

-- The popularity fallback: decayed interaction weight per item, from the same refresh.
CREATE TABLE item_popularity (
    item_key  text             PRIMARY KEY,
    score     double precision NOT NULL,
    customers integer          NOT NULL
);
