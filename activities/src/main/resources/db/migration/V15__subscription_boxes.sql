-- Subscription boxes ship as orders: order-{subscriptionId}-p{period}, prepaid by the period's payment. The order
-- read model names the subscription and period of a box; a box takes no charge of its own, so what it refunds (the
-- period's payment, when it cannot ship) is not bounded by charged_minor, and a box of a period a coupon made free
-- is worth 0.
ALTER TABLE orders
    ADD COLUMN subscription_id uuid,
    ADD COLUMN period          integer CHECK (period >= 1),
    ADD CONSTRAINT orders_box_identity CHECK ((subscription_id IS NULL) = (period IS NULL));

-- The checks V12 declared on the columns, whatever PostgreSQL named them.
DO $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'orders'::regclass AND contype = 'c'
                  AND (pg_get_constraintdef(oid) LIKE '%(amount_minor > 0)%'
                       OR pg_get_constraintdef(oid) LIKE '%refunded_minor <= charged_minor%') LOOP
        EXECUTE format('ALTER TABLE orders DROP CONSTRAINT %I', name);
    END LOOP;
END $$;

ALTER TABLE orders ADD CONSTRAINT orders_amount_minor_check
    CHECK (amount_minor > 0 OR (subscription_id IS NOT NULL AND amount_minor = 0));

ALTER TABLE orders ADD CONSTRAINT orders_refunded_minor_check
    CHECK (refunded_minor >= 0 AND (refunded_minor <= charged_minor OR subscription_id IS NOT NULL));

CREATE UNIQUE INDEX orders_box_idx ON orders (subscription_id, period) WHERE subscription_id IS NOT NULL;

-- Where a physical plan's boxes go, as the subscriber gave it at sign-up ({"recipient": ..., "countryCode": "NL"}).
ALTER TABLE subscriptions ADD COLUMN shipping_address jsonb;
