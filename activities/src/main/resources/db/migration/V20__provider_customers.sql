-- Who each customer is at the payment provider, and which of the provider's payment methods a token became once
-- attached there (Stripe turns a test token such as pm_card_visa into a new pm_… on every attach, so the first one
-- is kept). One row each, whoever asks first; later callers read the winner.
CREATE TABLE provider_customers (
    provider             text        NOT NULL,
    customer_id          uuid        NOT NULL,
    provider_customer_id text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, customer_id)
);

CREATE TABLE provider_payment_methods (
    provider                   text        NOT NULL,
    customer_id                uuid        NOT NULL,
    token                      text        NOT NULL,
    provider_payment_method_id text        NOT NULL,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, customer_id, token)
);
