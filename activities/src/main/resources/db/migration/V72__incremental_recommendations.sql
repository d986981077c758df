-- The recommendation model's sums, kept between refreshes so that a refresh recomputes only the customers whose
-- signals changed (docs/analytics.md, "Recommendations"). Weights are stored in the frame of the last full rebuild
-- (decayed to its cut); a later cut only scales every weight by the same factor, which no cosine sees.

-- One row: when the model was last rebuilt from scratch (the frame) and up to when it has counted signals.
CREATE TABLE recommendation_model (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    full_at timestamptz,
    cut_at  timestamptz
);
INSERT INTO recommendation_model DEFAULT VALUES;

-- Each customer's items as the model counted them: positive summed weights, the heaviest 200 only.
CREATE TABLE recommendation_profiles (
    customer_id uuid             NOT NULL,
    item_key    text             NOT NULL,
    weight      double precision NOT NULL CHECK (weight > 0),
    PRIMARY KEY (customer_id, item_key)
);

-- Per item, over the customers who count it: the sum of squared weights (the cosine's norm), of weights (popularity).
CREATE TABLE recommendation_items (
    item_key  text             PRIMARY KEY,
    norm      double precision NOT NULL,
    weight    double precision NOT NULL,
    customers integer          NOT NULL CHECK (customers > 0)
);

-- Per pair of items (item_key < other_key) that some customer counts both of: the dot product and its support.
CREATE TABLE recommendation_pairs (
    item_key  text             NOT NULL,
    other_key text             NOT NULL,
    dot       double precision NOT NULL,
    support   integer          NOT NULL CHECK (support > 0),
    PRIMARY KEY (item_key, other_key),
    CHECK (item_key < other_key)
);

-- Customers whose signals changed since the last refresh took its list. Written by the triggers below in the same
-- transaction as the change, whichever code (or hand-written SQL) made it, so none is missed; taken by the next
-- refresh with DELETE … RETURNING. No key: a writer never waits for a refresh, and duplicates are harmless.
CREATE TABLE recommendation_changes (
    customer_id uuid NOT NULL
);

-- Inserts and deletes: statement-level with transition tables, so a batch of 500 behaviour events (or a bulk load) adds
-- one row per customer, not one per row. Every signal table has customer_id.
CREATE FUNCTION recommendation_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO recommendation_changes (customer_id) SELECT DISTINCT customer_id FROM new_rows;
    ELSE
        INSERT INTO recommendation_changes (customer_id) SELECT DISTINCT customer_id FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

-- Updates: row-level, fired (WHEN) only where a column the signals read changed; a read-model write of a
-- subscription's next renewal date marks nobody.
CREATE FUNCTION recommendation_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recommendation_changes (customer_id) VALUES (NEW.customer_id);
    IF OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN
        INSERT INTO recommendation_changes (customer_id) VALUES (OLD.customer_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER behaviour_events_inserted AFTER INSERT ON behaviour_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER behaviour_events_deleted AFTER DELETE ON behaviour_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER behaviour_events_updated AFTER UPDATE ON behaviour_events
    FOR EACH ROW EXECUTE FUNCTION recommendation_row_changed();

CREATE TRIGGER subscriptions_inserted AFTER INSERT ON subscriptions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER subscriptions_deleted AFTER DELETE ON subscriptions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER subscriptions_updated AFTER UPDATE ON subscriptions FOR EACH ROW
    WHEN ((OLD.customer_id, OLD.plan_id, OLD.status, OLD.created_at, OLD.canceled_at)
        IS DISTINCT FROM (NEW.customer_id, NEW.plan_id, NEW.status, NEW.created_at, NEW.canceled_at))
    EXECUTE FUNCTION recommendation_row_changed();

-- A renewal's signal is its invoice paid (invoices carry their subscription's customer).
CREATE TRIGGER invoices_inserted AFTER INSERT ON invoices
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER invoices_deleted AFTER DELETE ON invoices
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER invoices_updated AFTER UPDATE ON invoices FOR EACH ROW
    WHEN ((OLD.customer_id, OLD.subscription_id, OLD.period, OLD.status, OLD.paid_at)
        IS DISTINCT FROM (NEW.customer_id, NEW.subscription_id, NEW.period, NEW.status, NEW.paid_at))
    EXECUTE FUNCTION recommendation_row_changed();

CREATE TRIGGER orders_inserted AFTER INSERT ON orders
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER orders_deleted AFTER DELETE ON orders
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_rows_changed();
CREATE TRIGGER orders_updated AFTER UPDATE ON orders FOR EACH ROW
    WHEN ((OLD.customer_id, OLD.subscription_id, OLD.lines, OLD.charged_minor, OLD.status, OLD.placed_at)
        IS DISTINCT FROM (NEW.customer_id, NEW.subscription_id, NEW.lines, NEW.charged_minor, NEW.status,
                          NEW.placed_at))
    EXECUTE FUNCTION recommendation_row_changed();
