-- The result of each item of a tracked ops batch (a plan-version migration, a batch reset): one row per item,
-- written by the batch's activity as it goes, so a retried page does not do an item twice and ops can page through
-- what happened to every subscription or workflow.
CREATE TABLE ops_batch_items (
    id          uuid PRIMARY KEY,
    batch_id    text        NOT NULL,
    item_id     text        NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    detail      text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (batch_id, item_id)
);
