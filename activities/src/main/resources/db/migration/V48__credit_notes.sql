-- Credit notes: an issued invoice is never edited; a correction is a credit note against it, full or per line,
-- with a reason and an outcome (a refund to the payment method, account credit, or less left to pay on an open
-- invoice). Numbered per year in a gapless sequence (CN-2026-000001): the counter row is updated in the credit
-- note's own transaction, so a rollback gives its number back.

CREATE TABLE credit_note_numbers (
    year        integer PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number > 0)
);

CREATE TABLE credit_notes (
    id             uuid PRIMARY KEY,
    number         text        NOT NULL UNIQUE,
    invoice_id     uuid        NOT NULL REFERENCES invoices (id),
    customer_id    uuid        NOT NULL,
    currency       char(3)     NOT NULL,
    reason         text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    outcome        text        NOT NULL CHECK (outcome IN ('REFUND', 'ACCOUNT_CREDIT', 'REDUCE_AMOUNT_DUE')),
    -- What it credits of the invoice's lines (in the lines' terms: net when EXCLUSIVE, gross when INCLUSIVE), the
    -- tax that goes with it, and the total given back.
    subtotal_minor bigint      NOT NULL CHECK (subtotal_minor > 0),
    tax_minor      bigint      NOT NULL CHECK (tax_minor >= 0),
    total_minor    bigint      NOT NULL CHECK (total_minor > 0),
    -- The refund it asked for (REFUND only), keyed by the credit note.
    refund_key     text UNIQUE,
    issued_by      uuid        NOT NULL,
    issued_at      timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_notes_refund CHECK ((outcome = 'REFUND') = (refund_key IS NOT NULL))
);
CREATE INDEX credit_notes_invoice_idx ON credit_notes (invoice_id, number);

CREATE TABLE credit_note_lines (
    credit_note_id  uuid    NOT NULL REFERENCES credit_notes (id),
    line_no         integer NOT NULL CHECK (line_no > 0),
    -- The invoice line it credits.
    invoice_line_no integer NOT NULL CHECK (invoice_line_no > 0),
    description     text    NOT NULL,
    amount_minor    bigint  NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (credit_note_id, line_no)
);
