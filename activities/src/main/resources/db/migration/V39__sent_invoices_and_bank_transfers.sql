-- Invoices the customer pays (collection method SEND_INVOICE): the due date and the bank reference a transfer must
-- carry, one row per sent invoice; and the bank transfers ops record from the bank statement. A transfer pays at most
-- one invoice and an invoice is paid by at most one transfer (the partial unique index), so a transfer recorded twice
-- (the bank's transaction id is unique) or matched and assigned at once never pays twice.
CREATE TABLE sent_invoices (
    invoice_id     uuid        PRIMARY KEY REFERENCES invoices (id),
    -- PRN-XXXX-XXXX in Crockford's base 32, the last character a check character (BankReference).
    bank_reference text        NOT NULL UNIQUE CHECK (bank_reference ~ '^PRN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
    due_at         timestamptz NOT NULL,
    sent_at        timestamptz NOT NULL,
    -- Business time at which the workflow found it unpaid past its due date.
    overdue_since  timestamptz
);

CREATE TABLE bank_transfers (
    id                  uuid        PRIMARY KEY,
    bank_transaction_id text        NOT NULL UNIQUE CHECK (length(bank_transaction_id) BETWEEN 1 AND 100),
    amount_minor        bigint      NOT NULL CHECK (amount_minor > 0),
    currency            char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reference           text        NOT NULL CHECK (length(reference) <= 140),
    payer_name          text        NOT NULL CHECK (length(payer_name) <= 140),
    value_date          date        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('MATCHED', 'UNMATCHED', 'ASSIGNED', 'REFUNDED')),
    -- Why it did not pay an invoice by itself: unknown_reference, currency_mismatch, underpaid, overpaid,
    -- invoice_not_open. Kept after ops resolve it.
    unmatched_reason    text,
    invoice_id          uuid        REFERENCES invoices (id),
    recorded_at         timestamptz NOT NULL,
    recorded_by         text        NOT NULL,
    resolved_at         timestamptz,
    resolved_by         text,
    note                text CHECK (length(note) <= 500),
    CONSTRAINT bank_transfers_paid_invoice CHECK ((status IN ('MATCHED', 'ASSIGNED')) = (invoice_id IS NOT NULL))
);
CREATE UNIQUE INDEX bank_transfers_one_per_invoice ON bank_transfers (invoice_id) WHERE status IN ('MATCHED', 'ASSIGNED');
CREATE INDEX bank_transfers_queue_idx ON bank_transfers (status, recorded_at, id);

-- A sent invoice past its due date shows on the subscription as invoice_overdue (change id send-invoice).
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_payment_issue_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_payment_issue_check
    CHECK (payment_issue IN ('declined', 'gateway_unavailable', 'payment_method_unusable', 'authentication_required',
                             'invoice_overdue'));
