-- A hard decline (stolen, lost, closed card...) leaves a past-due subscription waiting for a new payment method:
-- its read model shows the issue payment_method_unusable (change id hard-declines).
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_payment_issue_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_payment_issue_check
    CHECK (payment_issue IN ('declined', 'gateway_unavailable', 'payment_method_unusable'));
