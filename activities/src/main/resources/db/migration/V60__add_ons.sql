-- Add-ons: extra items a subscription carries and each period bills on the plan's invoice (docs/billing.md). An
-- add-on has one price per currency, per billing period of the plan it is added to; add_on_plans lists the plans it
-- is for (none listed: every plan). A subscriber keeps the price it added the add-on at.
CREATE TABLE add_ons (
    code       text        PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{1,62}$'),
    name       text        NOT NULL,
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE add_on_prices (
    code         text   NOT NULL REFERENCES add_ons (code),
    currency     text   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (code, currency)
);

CREATE TABLE add_on_plans (
    code    text NOT NULL REFERENCES add_ons (code),
    plan_id text NOT NULL REFERENCES plans (id),
    PRIMARY KEY (code, plan_id)
);

ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check
    CHECK (kind IN ('PLAN', 'PRORATION_CREDIT', 'PRORATION_CHARGE', 'DISCOUNT', 'ACCOUNT_CREDIT', 'ADD_ON'));

-- The add-ons a subscription carries as the workflow last recorded them ([{"code":...,"quantity":2,...}]).
ALTER TABLE subscriptions ADD COLUMN add_ons jsonb;
