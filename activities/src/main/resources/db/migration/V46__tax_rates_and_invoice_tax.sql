-- Tax on invoices: admin-maintained rates per country and product tax category with validity dates, the pricing
-- behaviour of each plan, and the tax lines of each invoice. With no rate for the customer's country nothing is
-- added, so invoices issued before any rate exists keep their amounts.

CREATE TABLE tax_rates (
    id           uuid PRIMARY KEY,
    country      char(2)       NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    tax_category text          NOT NULL DEFAULT 'standard' CHECK (tax_category ~ '^[a-z][a-z0-9_-]{0,31}$'),
    name         text          NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    -- A percentage with up to four decimals (8.875 % is 8.8750): exact, never a float.
    rate_percent numeric(7, 4) NOT NULL CHECK (rate_percent >= 0 AND rate_percent < 100),
    valid_from   timestamptz   NOT NULL,
    -- Exclusive; null while the rate has no announced end.
    valid_to     timestamptz CHECK (valid_to IS NULL OR valid_to > valid_from),
    created_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX tax_rates_lookup_idx ON tax_rates (country, tax_category, valid_from);

-- Products say which rate applies (standard, reduced, ...); plans say whether their prices include tax. Existing
-- plans are INCLUSIVE: a rate configured later leaves what their subscribers pay unchanged.
ALTER TABLE products ADD COLUMN tax_category text NOT NULL DEFAULT 'standard'
    CHECK (tax_category ~ '^[a-z][a-z0-9_-]{0,31}$');
ALTER TABLE plans ADD COLUMN tax_behavior text NOT NULL DEFAULT 'INCLUSIVE'
    CHECK (tax_behavior IN ('INCLUSIVE', 'EXCLUSIVE'));

-- The invoice keeps its tax as issued: the behaviour, the tax total, and whether the buyer accounts for it
-- (reverse charge) with the note the invoice prints. Exclusive tax is added to what is due.
ALTER TABLE invoices
    ADD COLUMN tax_behavior    text    NOT NULL DEFAULT 'INCLUSIVE' CHECK (tax_behavior IN ('INCLUSIVE', 'EXCLUSIVE')),
    ADD COLUMN tax_minor       bigint  NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    ADD COLUMN reverse_charge  boolean NOT NULL DEFAULT false,
    ADD COLUMN tax_note        text,
    ADD COLUMN customer_tax_id text;
-- V3's check of total against subtotal spans two columns, so PostgreSQL named it invoices_check (or _checkN):
-- found by its text instead.
DO $$
DECLARE
    name text;
BEGIN
    SELECT conname INTO name FROM pg_constraint
    WHERE conrelid = 'invoices'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%total_minor <= subtotal_minor%';
    EXECUTE format('ALTER TABLE invoices DROP CONSTRAINT %I', name);
END $$;
ALTER TABLE invoices ADD CONSTRAINT invoices_total_minor_check CHECK (total_minor >= 0 AND total_minor
    <= subtotal_minor + CASE WHEN tax_behavior = 'EXCLUSIVE' THEN tax_minor ELSE 0 END);

CREATE TABLE invoice_tax_lines (
    invoice_id    uuid          NOT NULL REFERENCES invoices (id),
    line_no       integer       NOT NULL CHECK (line_no > 0),
    country       char(2)       NOT NULL,
    tax_category  text          NOT NULL,
    name          text          NOT NULL,
    rate_percent  numeric(7, 4) NOT NULL,
    taxable_minor bigint        NOT NULL CHECK (taxable_minor >= 0),
    tax_minor     bigint        NOT NULL CHECK (tax_minor >= 0),
    PRIMARY KEY (invoice_id, line_no)
);
