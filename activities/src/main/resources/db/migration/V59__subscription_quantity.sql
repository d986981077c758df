-- How many units of the plan a subscription bills each period (seats, or boxes per period of a box plan); rows from
-- before quantities existed bill one. amount_minor is now the plan's price times the quantity (docs/billing.md).
ALTER TABLE subscriptions ADD COLUMN quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10000);
