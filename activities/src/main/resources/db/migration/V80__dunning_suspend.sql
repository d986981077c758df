-- The plan's dunning outcome (docs/billing.md "Dunning outcome: cancel or suspend"): what a plan version does when
-- dunning is used up. CANCEL, as every plan did before, writes the invoice off and cancels; SUSPEND leaves the
-- invoice open and the subscription SUSPENDED until it is paid or canceled.
ALTER TABLE plan_versions ADD COLUMN dunning_outcome text NOT NULL DEFAULT 'CANCEL'
    CHECK (dunning_outcome IN ('CANCEL', 'SUSPEND'));

ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
    CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELED', 'SUSPENDED'));

-- A suspended subscription still owes its invoice: ops find it among the failed renewals and may retry it.
DROP INDEX subscriptions_failed_renewals_idx;
CREATE INDEX subscriptions_failed_renewals_idx ON subscriptions (payment_issue_since, id)
    WHERE status IN ('PAST_DUE', 'SUSPENDED');
