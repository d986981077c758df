-- A customer's saved payment methods: the provider's token kept under an id of ours, usable for subscriptions and
-- orders instead of handing the token over each time. Removal is soft: a subscription charging it keeps working.
CREATE TABLE payment_methods (
    id            text        PRIMARY KEY CHECK (id ~ '^pm_saved_[a-f0-9]{32}$'),
    customer_id   uuid        NOT NULL REFERENCES customers (id),
    gateway_token text        NOT NULL,
    label         text,
    created_at    timestamptz NOT NULL,
    removed_at    timestamptz
);

CREATE INDEX payment_methods_by_customer ON payment_methods (customer_id, created_at DESC);
