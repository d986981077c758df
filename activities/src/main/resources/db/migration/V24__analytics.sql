-- Revenue analytics (docs/analytics.md): the history of subscription states, admins' exchange rates, and the
-- daily fact tables the roll-up replaces day by day.

-- One row per revision the subscription workflow records; the read model keeps only the latest. Written only by
-- RecordSubscription. effective_at is the workflow's time of the change (the activity's scheduled time).
CREATE TABLE subscription_history (
    subscription_id      uuid        NOT NULL,
    revision             bigint      NOT NULL,
    customer_id          uuid        NOT NULL,
    plan_id              text        NOT NULL,
    plan_version         integer,
    status               text        NOT NULL,
    amount_minor         bigint,
    currency             char(3),
    coupon_code          text,
    coupon_invoices_left integer,
    cancel_reason        text,
    effective_at         timestamptz NOT NULL,
    PRIMARY KEY (subscription_id, revision)
);
CREATE INDEX subscription_history_effective_idx ON subscription_history (effective_at);

-- One unit of the reporting currency is worth `rate` units of `currency` on rate_date (the ECB's convention).
CREATE TABLE exchange_rates (
    currency   char(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    rate_date  date           NOT NULL,
    rate       numeric(20, 8) NOT NULL CHECK (rate > 0),
    source     text           NOT NULL,
    updated_at timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (currency, rate_date)
);

-- Per day and currency: MRR, its movements, subscriber counts, dunning. Reporting amounts are null when no rate
-- was known for the day.
CREATE TABLE analytics_daily (
    day                   date        NOT NULL,
    currency              char(3)     NOT NULL,
    mrr_minor             bigint      NOT NULL,
    paying_customers      integer     NOT NULL,
    active_subscribers    integer     NOT NULL,
    trialing              integer     NOT NULL,
    trials_ended          integer     NOT NULL,
    trial_conversions     integer     NOT NULL,
    new_minor             bigint      NOT NULL,
    reactivated_minor     bigint      NOT NULL,
    expansion_minor       bigint      NOT NULL,
    contraction_minor     bigint      NOT NULL,
    churned_minor         bigint      NOT NULL,
    new_customers         integer     NOT NULL,
    reactivated_customers integer     NOT NULL,
    churned_customers     integer     NOT NULL,
    failed_charges        integer     NOT NULL,
    failed_minor          bigint      NOT NULL,
    recovered_invoices    integer     NOT NULL,
    recovered_minor       bigint      NOT NULL,
    lost_invoices         integer     NOT NULL,
    reporting_currency    char(3)     NOT NULL,
    rate                  numeric(20, 8),
    rate_date             date,
    computed_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, currency)
);

-- Cancellations per day and reason; payment_failed is involuntary churn.
CREATE TABLE analytics_cancellations (
    day           date    NOT NULL,
    reason        text    NOT NULL,
    voluntary     boolean NOT NULL,
    subscriptions integer NOT NULL,
    PRIMARY KEY (day, reason)
);

-- One-off orders per day and currency: paid (revenue) and refunded, by the business time of payment and refund.
CREATE TABLE analytics_orders_daily (
    day                date           NOT NULL,
    currency           char(3)        NOT NULL,
    orders_paid        integer        NOT NULL,
    revenue_minor      bigint         NOT NULL,
    refunds            integer        NOT NULL,
    refunded_minor     bigint         NOT NULL,
    reporting_currency char(3)        NOT NULL,
    rate               numeric(20, 8),
    rate_date          date,
    PRIMARY KEY (day, currency)
);

-- Units per SKU and day: of one-off orders paid that day (ORDER) and of subscription boxes due that day (BOX).
CREATE TABLE analytics_sku_units (
    day   date   NOT NULL,
    sku   text   NOT NULL,
    kind  text   NOT NULL CHECK (kind IN ('ORDER', 'BOX')),
    units bigint NOT NULL,
    PRIMARY KEY (day, sku, kind)
);

-- Subscriptions that exist before this migration start their history with their current state, as of their last
-- write (updated_at: the time of the write, not the workflow's); their earlier changes were never kept anywhere.
INSERT INTO subscription_history (subscription_id, revision, customer_id, plan_id, plan_version, status, amount_minor,
                                  currency, coupon_code, coupon_invoices_left, cancel_reason, effective_at)
SELECT id, revision, customer_id, plan_id, plan_version, status, amount_minor, currency, coupon_code,
       coupon_invoices_left, cancel_reason, updated_at
FROM subscriptions
WHERE revision > 0;
