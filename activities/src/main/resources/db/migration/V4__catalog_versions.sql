-- The catalog: products, plans with an interval, and plan versions that carry the prices (one per currency),
-- the trial and, for physical products, the box each paid period ships. A price change is a new version;
-- subscribers keep the version they signed up for (it is frozen into their workflow) until migrated.

CREATE TABLE products (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{1,62}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text CHECK (length(description) <= 2000),
    kind        text        NOT NULL CHECK (kind IN ('DIGITAL', 'PHYSICAL')),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO products (id, name, description, kind)
VALUES ('prod_digital', 'Perennial Digital', 'Digital membership', 'DIGITAL');

ALTER TABLE plans ADD COLUMN product_id text REFERENCES products (id);
UPDATE plans SET product_id = 'prod_digital';
ALTER TABLE plans ALTER COLUMN product_id SET NOT NULL;
ALTER TABLE plans ADD COLUMN current_version integer NOT NULL DEFAULT 1 CHECK (current_version > 0);
ALTER TABLE plans DROP CONSTRAINT plans_interval_unit_check;
ALTER TABLE plans ADD CONSTRAINT plans_interval_unit_check
    CHECK (interval_unit IN ('DAY', 'WEEK', 'MONTH', 'YEAR', 'SECOND', 'MINUTE', 'HOUR'));

CREATE TABLE plan_versions (
    plan_id     text        NOT NULL REFERENCES plans (id),
    version     integer     NOT NULL CHECK (version > 0),
    trial_unit  text CHECK (trial_unit IN ('DAY', 'WEEK', 'MONTH', 'YEAR', 'SECOND', 'MINUTE', 'HOUR')),
    trial_count integer CHECK (trial_count > 0),
    note        text CHECK (length(note) <= 500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, version),
    CHECK ((trial_unit IS NULL) = (trial_count IS NULL))
);

CREATE TABLE plan_prices (
    plan_id      text    NOT NULL,
    version      integer NOT NULL,
    currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint  NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (plan_id, version, currency),
    FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);

CREATE TABLE plan_box_items (
    plan_id  text    NOT NULL,
    version  integer NOT NULL,
    sku      text    NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9._-]{0,63}$'),
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (plan_id, version, sku),
    FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);

-- Version 1 of every existing plan is what the plans table said.
INSERT INTO plan_versions (plan_id, version, trial_unit, trial_count, created_at)
SELECT id, 1, CASE WHEN trial_days > 0 THEN 'DAY' END, NULLIF(trial_days, 0), created_at FROM plans;
INSERT INTO plan_prices (plan_id, version, currency, amount_minor)
SELECT id, 1, currency, amount_minor FROM plans;
ALTER TABLE plans DROP COLUMN amount_minor, DROP COLUMN currency, DROP COLUMN trial_days;

-- The read model remembers which version (and so which price) each subscriber pays.
ALTER TABLE subscriptions ADD COLUMN plan_version integer, ADD COLUMN scheduled_plan_version integer;
CREATE INDEX subscriptions_plan_version_idx ON subscriptions (plan_id, plan_version) WHERE status <> 'CANCELED';

-- Boxes owed by paid periods of physical plans; fulfilment picks them up. One per subscription and period.
CREATE TABLE subscription_boxes (
    subscription_id uuid        NOT NULL,
    period          integer     NOT NULL CHECK (period > 0),
    customer_id     uuid        NOT NULL,
    plan_id         text        NOT NULL,
    plan_version    integer     NOT NULL,
    items           jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'DUE' CHECK (status IN ('DUE', 'FULFILLING', 'SHIPPED', 'REFUNDED')),
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription_id, period)
);
CREATE INDEX subscription_boxes_due_idx ON subscription_boxes (due_at) WHERE status = 'DUE';
