-- Customers, users and roles, the plan catalog, the subscriptions read model and payments.
-- Money is always integer minor units with an ISO 4217 currency.

CREATE TABLE customers (
    id         uuid PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('CUSTOMER', 'OPS', 'ADMIN')),
    customer_id   uuid REFERENCES customers (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_customer_role CHECK ((role = 'CUSTOMER') = (customer_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE plans (
    id             text PRIMARY KEY,
    name           text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('DIGITAL', 'PHYSICAL')),
    amount_minor   bigint      NOT NULL CHECK (amount_minor >= 0),
    currency       char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    interval_unit  text        NOT NULL CHECK (interval_unit IN ('DAY', 'WEEK', 'MONTH', 'YEAR')),
    interval_count integer     NOT NULL CHECK (interval_count > 0),
    trial_days     integer     NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
    active         boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Read model of subscriptions, written by the API when it starts a workflow and then by the workflow's
-- activities. revision only grows: an older write never overwrites a newer one.
CREATE TABLE subscriptions (
    id                   uuid PRIMARY KEY,
    customer_id          uuid        NOT NULL REFERENCES customers (id),
    plan_id              text        NOT NULL REFERENCES plans (id),
    workflow_id          text        NOT NULL UNIQUE,
    status               text        NOT NULL CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELED')),
    trial_end            timestamptz,
    current_period       integer,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    next_billing_at      timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    canceled_at          timestamptz,
    cancel_reason        text,
    failed_payment_count integer     NOT NULL DEFAULT 0,
    revision             bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX subscriptions_customer_idx ON subscriptions (customer_id, created_at DESC, id);

-- One row per charge attempt, keyed by its idempotency key ({subscriptionId}:{period}:{purpose}).
CREATE TABLE payments (
    id                uuid PRIMARY KEY,
    idempotency_key   text        NOT NULL UNIQUE,
    subscription_id   uuid        NOT NULL,
    customer_id       uuid        NOT NULL,
    period            integer     NOT NULL CHECK (period > 0),
    purpose           text        NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor >= 0),
    currency          char(3)     NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED')),
    decline_code      text,
    gateway_reference text,
    business_time     timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_subscription_idx ON payments (subscription_id, period);
-- A billing period is paid at most once, whatever happens to the workflow.
CREATE UNIQUE INDEX payments_one_success_per_period ON payments (subscription_id, period) WHERE status = 'SUCCEEDED';

-- The simulated payment provider's own ledger: what the "bank" saw. Real gateways keep this on their side;
-- the simulation keeps it here so tests can prove every period was charged exactly once.
CREATE TABLE simulated_gateway_charges (
    reference       text PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    amount_minor    bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    payment_method  text        NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'DECLINED')),
    decline_code    text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
