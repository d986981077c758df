-- A box plan's next box as the workflow last recorded it ({"period":3,"startsAt":...,"skipped":false,...}), so that
-- GET /v1/subscriptions/{id}, served from the read model, shows a skip or delay (docs/api.md).
ALTER TABLE subscriptions ADD COLUMN next_box jsonb;
