-- An add-on admins retired: no longer added to any subscription, while those that carry it keep it (and its price)
-- until they remove it. Null while it is offered; `active` stays the flag every reader checks.
ALTER TABLE add_ons ADD COLUMN retired_at timestamptz;
-- When its prices were last replaced (null: as created); a new price applies to additions from then on only.
ALTER TABLE add_ons ADD COLUMN repriced_at timestamptz;
