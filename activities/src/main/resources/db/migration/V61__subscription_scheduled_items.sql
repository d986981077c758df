-- A decrease of a subscription's quantity or add-ons that takes effect at the end of the current period, as the
-- workflow last recorded it ({"quantity":4,"addOns":[...]}); null when none waits.
ALTER TABLE subscriptions ADD COLUMN scheduled_items jsonb;
