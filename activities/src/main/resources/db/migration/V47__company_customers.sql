-- A customer may be a company: legal name, billing address with its country, and a VAT/tax id with what the
-- registry (VIES for EU ids) last said about it. The billing country decides the tax rate; a VERIFIED EU VAT id of
-- another member state than the seller's makes the invoice reverse charge.
ALTER TABLE customers
    ADD COLUMN kind              text NOT NULL DEFAULT 'INDIVIDUAL' CHECK (kind IN ('INDIVIDUAL', 'COMPANY')),
    ADD COLUMN legal_name        text CHECK (length(legal_name) BETWEEN 1 AND 200),
    ADD COLUMN billing_line1     text CHECK (length(billing_line1) BETWEEN 1 AND 200),
    ADD COLUMN billing_line2     text CHECK (length(billing_line2) <= 200),
    ADD COLUMN billing_city      text CHECK (length(billing_city) BETWEEN 1 AND 100),
    ADD COLUMN billing_postal_code text CHECK (length(billing_postal_code) <= 20),
    ADD COLUMN billing_region    text CHECK (length(billing_region) <= 100),
    ADD COLUMN billing_country   char(2) CHECK (billing_country ~ '^[A-Z]{2}$'),
    ADD COLUMN tax_id            text CHECK (tax_id ~ '^[A-Z0-9+*]{4,20}$'),
    ADD COLUMN tax_id_status     text CHECK (tax_id_status IN ('VERIFIED', 'UNVERIFIED')),
    ADD COLUMN tax_id_checked_at timestamptz,
    ADD CONSTRAINT customers_company CHECK (kind = 'INDIVIDUAL' OR legal_name IS NOT NULL),
    ADD CONSTRAINT customers_tax_id_status CHECK ((tax_id IS NULL) = (tax_id_status IS NULL)),
    ADD CONSTRAINT customers_address CHECK ((billing_country IS NULL) = (billing_line1 IS NULL)
        AND (billing_line1 IS NULL) = (billing_city IS NULL));
