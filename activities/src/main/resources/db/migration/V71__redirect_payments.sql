-- Sent invoices paid by a redirect method (Alipay, WeChat Pay). One row per session at the provider, keyed by our
-- key {invoiceId}:redirect:{method} (then :2, :3 after a session that failed or expired), which is also the
-- provider's idempotency key. A confirmed session pays the invoice only if it is still OPEN, under the invoice's row
-- lock as a bank transfer pays it; payment_id is then the payments row that paid it (payments keep their one success
-- per invoice). Money the provider took for an invoice something else paid, or that was voided or written off, is
-- refunded at the provider: REFUNDING until it answers, then REFUNDED, or REFUND_FAILED for ops.
CREATE TABLE redirect_payments (
    payment_key        text        PRIMARY KEY,
    invoice_id         uuid        NOT NULL REFERENCES invoices (id),
    method             text        NOT NULL CHECK (method IN ('alipay', 'wechat_pay')),
    attempt            integer     NOT NULL CHECK (attempt >= 1),
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           char(3)     NOT NULL,
    provider_reference text,
    redirect_url       text,
    expires_at         timestamptz,
    status             text        NOT NULL CHECK (status IN ('OPENING', 'AWAITING_CUSTOMER', 'PAID', 'FAILED',
                                                              'EXPIRED', 'REFUNDING', 'REFUNDED', 'REFUND_FAILED')),
    decline_code       text,
    payment_id         uuid        REFERENCES payments (id),
    refund_reference   text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (invoice_id, method, attempt),
    CONSTRAINT redirect_payments_paid CHECK ((status = 'PAID') = (payment_id IS NOT NULL))
);
CREATE INDEX redirect_payments_reference_idx ON redirect_payments (provider_reference)
    WHERE provider_reference IS NOT NULL;

-- The simulated provider's redirect sessions: its hosted page (/provider/redirects/{reference}) where the customer
-- approves or fails the payment. The reference is random, so the page's address is the customer's alone. An
-- approved session is booked as a charge in simulated_gateway_charges under the same reference, so it can be
-- refunded and found by key like any other charge.
CREATE TABLE simulated_redirect_sessions (
    reference       text        PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    method          text        NOT NULL,
    amount_minor    bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    return_url      text        NOT NULL,
    expires_at      timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('AWAITING_CUSTOMER', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
    answered_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
