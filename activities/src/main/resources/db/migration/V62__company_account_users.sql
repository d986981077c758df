-- Several people sign in to one customer account (a company's): each user of a customer has a role in it. OWNER may
-- do everything; BILLING sees invoices and payments and changes payment methods, nothing else. Every user who
-- signed in to a customer account before this was its only user, so its owner.
ALTER TABLE users ADD COLUMN account_role text CHECK (account_role IN ('OWNER', 'BILLING'));
UPDATE users SET account_role = 'OWNER' WHERE customer_id IS NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_account_role CHECK ((account_role IS NULL) = (customer_id IS NULL));
CREATE INDEX users_customer_idx ON users (customer_id) WHERE customer_id IS NOT NULL;
