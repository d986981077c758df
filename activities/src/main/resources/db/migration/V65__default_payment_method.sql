-- A customer's default payment method: the live one made default most recently. A timestamp rather than a flag, so
-- making another the default is one row's update (no race leaves two or none), and removing the default falls back
-- to the one that was default before it.
ALTER TABLE payment_methods ADD COLUMN default_since timestamptz;
