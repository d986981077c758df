-- The billing engine: invoices and their lines, the account-credit ledger, refunds, coupons, the notification
-- outbox, referral codes, and the read-model columns for pause, plan changes and dunning.

-- Human-readable invoice numbers (INV-000001) from a sequence; issuing takes a per-customer lock and looks the
-- invoice key up first, so numbers are only skipped when a transaction rolls back.
CREATE SEQUENCE invoice_number_seq;

CREATE FUNCTION next_invoice_number() RETURNS text LANGUAGE sql AS $$
    -- lpad alone would cut numbers beyond six digits.
    SELECT 'INV-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('invoice_number_seq') AS seq(n)
$$;

CREATE TABLE invoices (
    id              uuid PRIMARY KEY,
    -- Business identity {subscriptionId}:{period}:{purpose}: issuing the same draft twice finds this row.
    invoice_key     text        NOT NULL UNIQUE,
    number          text        NOT NULL UNIQUE DEFAULT next_invoice_number(),
    subscription_id uuid        NOT NULL,
    customer_id     uuid        NOT NULL,
    period          integer     NOT NULL CHECK (period > 0),
    currency        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    subtotal_minor  bigint      NOT NULL CHECK (subtotal_minor >= 0),
    -- What is left to charge once account credit is applied.
    total_minor     bigint      NOT NULL CHECK (total_minor >= 0 AND total_minor <= subtotal_minor),
    status          text        NOT NULL CHECK (status IN ('OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE')),
    issued_at       timestamptz NOT NULL,
    paid_at         timestamptz,
    closed_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoices_paid_at CHECK ((status = 'PAID') = (paid_at IS NOT NULL)),
    CONSTRAINT invoices_closed_at CHECK (status NOT IN ('VOID', 'UNCOLLECTIBLE') OR closed_at IS NOT NULL)
);
CREATE INDEX invoices_subscription_idx ON invoices (subscription_id, period);
CREATE INDEX invoices_customer_idx ON invoices (customer_id, issued_at DESC, id DESC);

CREATE TABLE invoice_lines (
    invoice_id   uuid    NOT NULL REFERENCES invoices (id),
    line_no      integer NOT NULL CHECK (line_no > 0),
    kind         text    NOT NULL
        CHECK (kind IN ('PLAN', 'PRORATION_CREDIT', 'PRORATION_CHARGE', 'DISCOUNT', 'ACCOUNT_CREDIT')),
    description  text    NOT NULL,
    amount_minor bigint  NOT NULL,
    PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT invoice_lines_sign CHECK (CASE WHEN kind IN ('PRORATION_CREDIT', 'DISCOUNT', 'ACCOUNT_CREDIT')
        THEN amount_minor <= 0 ELSE amount_minor >= 0 END)
);

-- Account credit as a ledger, one row per movement; the balance of a customer in a currency is the sum.
-- GRANT (+), CONSUMED by an invoice (-), RETURNED when that invoice is voided (+), CLAWBACK of a grant (-, or 0
-- when nothing was left, so a repeated clawback answers the same).
CREATE TABLE credit_entries (
    id            uuid PRIMARY KEY,
    entry_key     text        NOT NULL UNIQUE,
    customer_id   uuid        NOT NULL,
    currency      char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    kind          text        NOT NULL CHECK (kind IN ('GRANT', 'CONSUMED', 'RETURNED', 'CLAWBACK')),
    amount_minor  bigint      NOT NULL,
    reason        text        NOT NULL,
    invoice_id    uuid REFERENCES invoices (id),
    -- The grant a clawback takes back, so one grant is never taken back twice under different keys.
    grant_key     text,
    business_time timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_entries_sign CHECK (CASE kind
        WHEN 'GRANT' THEN amount_minor > 0
        WHEN 'RETURNED' THEN amount_minor > 0
        WHEN 'CONSUMED' THEN amount_minor < 0
        ELSE amount_minor <= 0 END),
    CONSTRAINT credit_entries_invoice CHECK ((kind IN ('CONSUMED', 'RETURNED')) = (invoice_id IS NOT NULL)),
    CONSTRAINT credit_entries_grant CHECK ((kind = 'CLAWBACK') = (grant_key IS NOT NULL))
);
CREATE INDEX credit_entries_customer_idx ON credit_entries (customer_id, currency);
CREATE INDEX credit_entries_grant_idx ON credit_entries (grant_key) WHERE grant_key IS NOT NULL;

-- A payment now collects an invoice. The skeleton engine's charges (no invoice) stay one per period; with
-- invoices, a plan-change invoice in an already paid period is a second legitimate charge, so the rule becomes
-- one success per invoice.
ALTER TABLE payments ADD COLUMN invoice_id uuid REFERENCES invoices (id);
DROP INDEX payments_one_success_per_period;
CREATE UNIQUE INDEX payments_one_success_per_period ON payments (subscription_id, period)
    WHERE status = 'SUCCEEDED' AND invoice_id IS NULL;
CREATE UNIQUE INDEX payments_one_success_per_invoice ON payments (invoice_id)
    WHERE status = 'SUCCEEDED' AND invoice_id IS NOT NULL;

-- PENDING is stored before the provider is called, as for payments; PENDING counts as refunded so two refunds
-- of one payment never give back more than was paid.
CREATE TABLE refunds (
    id                uuid PRIMARY KEY,
    refund_key        text        NOT NULL UNIQUE,
    payment_id        uuid        NOT NULL REFERENCES payments (id),
    subscription_id   uuid        NOT NULL,
    period            integer     NOT NULL,
    amount_minor      bigint      NOT NULL CHECK (amount_minor > 0),
    currency          char(3)     NOT NULL,
    reason            text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    failure_code      text,
    gateway_reference text,
    business_time     timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);
CREATE INDEX refunds_subscription_idx ON refunds (subscription_id, period);

-- The simulated provider's ledger of refunds, one row per idempotency key, like simulated_gateway_charges.
CREATE TABLE simulated_gateway_refunds (
    reference        text PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    charge_reference text        NOT NULL,
    amount_minor     bigint      NOT NULL,
    currency         char(3)     NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    failure_code     text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX simulated_gateway_refunds_charge_idx ON simulated_gateway_refunds (charge_reference);

-- Outbox of customer notifications: rendered once per key, then delivered; SENT only after the mail server
-- accepted the message.
CREATE TABLE notifications (
    id               uuid PRIMARY KEY,
    notification_key text        NOT NULL UNIQUE,
    customer_id      uuid        NOT NULL REFERENCES customers (id),
    template         text        NOT NULL,
    data             jsonb       NOT NULL DEFAULT '{}',
    recipient        text        NOT NULL,
    subject          text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    business_time    timestamptz NOT NULL,
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_customer_idx ON notifications (customer_id, created_at DESC);
CREATE INDEX notifications_unsent_idx ON notifications (created_at) WHERE status <> 'SENT';

-- Codes are stored upper case and matched case-insensitively.
CREATE TABLE coupons (
    code             text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{1,64}$'),
    name             text        NOT NULL,
    percent_off_bp   integer CHECK (percent_off_bp BETWEEN 1 AND 10000),
    amount_off_minor bigint CHECK (amount_off_minor > 0),
    currency         char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    duration         text        NOT NULL CHECK (duration IN ('ONCE', 'REPEATING', 'FOREVER')),
    duration_periods integer CHECK (duration_periods > 0),
    max_redemptions  integer CHECK (max_redemptions > 0),
    times_redeemed   integer     NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
    expires_at       timestamptz,
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT coupons_one_discount CHECK ((percent_off_bp IS NULL) <> (amount_off_minor IS NULL)),
    CONSTRAINT coupons_amount_currency CHECK (amount_off_minor IS NULL OR currency IS NOT NULL),
    CONSTRAINT coupons_repeating_periods CHECK ((duration = 'REPEATING') = (duration_periods IS NOT NULL)),
    CONSTRAINT coupons_redemption_limit CHECK (max_redemptions IS NULL OR times_redeemed <= max_redemptions)
);

CREATE TABLE coupon_redemptions (
    id              uuid PRIMARY KEY,
    redemption_key  text        NOT NULL UNIQUE,
    code            text        NOT NULL REFERENCES coupons (code),
    subscription_id uuid        NOT NULL,
    customer_id     uuid        NOT NULL,
    business_time   timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coupon_redemptions_code_idx ON coupon_redemptions (code);
CREATE INDEX coupon_redemptions_subscription_idx ON coupon_redemptions (subscription_id);

-- Referral codes derive from the customer id: REF- and its first 8 hex digits, or all 32 in the rare case those
-- 8 are taken. A trigger gives every new customer one, so the API need not.
ALTER TABLE customers ADD COLUMN referral_code text UNIQUE CHECK (referral_code ~ '^[A-Z0-9-]{4,64}$');

UPDATE customers c
SET referral_code = 'REF-' || upper(CASE WHEN shared.n > 1 THEN replace(c.id::text, '-', '')
                                         ELSE left(replace(c.id::text, '-', ''), 8) END)
FROM (SELECT id, count(*) OVER (PARTITION BY left(replace(id::text, '-', ''), 8)) AS n FROM customers) shared
WHERE shared.id = c.id;

CREATE FUNCTION customers_default_referral_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.referral_code IS NULL THEN
        NEW.referral_code := 'REF-' || upper(left(replace(NEW.id::text, '-', ''), 8));
        IF EXISTS (SELECT 1 FROM customers WHERE referral_code = NEW.referral_code) THEN
            NEW.referral_code := 'REF-' || upper(replace(NEW.id::text, '-', ''));
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER customers_referral_code BEFORE INSERT ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_default_referral_code();

-- Read-model columns for access, dunning retries, pause, scheduled plan changes and the applied coupon; the
-- plan's price as the subscription pays it. coupon_invoices_left is -1 while a FOREVER coupon lasts.
ALTER TABLE subscriptions
    ADD COLUMN access_until         timestamptz,
    ADD COLUMN next_retry_at        timestamptz,
    ADD COLUMN pause_at_period_end  boolean NOT NULL DEFAULT false,
    ADD COLUMN paused_at            timestamptz,
    ADD COLUMN resume_at            timestamptz,
    ADD COLUMN scheduled_plan_id    text,
    ADD COLUMN amount_minor         bigint CHECK (amount_minor >= 0),
    ADD COLUMN currency             char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    ADD COLUMN coupon_code          text,
    ADD COLUMN coupon_invoices_left integer CHECK (coupon_invoices_left >= -1);
-- Operations look for past-due subscriptions by their next retry.
CREATE INDEX subscriptions_past_due_idx ON subscriptions (next_retry_at) WHERE status = 'PAST_DUE';
