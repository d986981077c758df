-- Demo plans every installation starts with; admins manage the catalog from here on.
INSERT INTO plans (id, name, kind, amount_minor, currency, interval_unit, interval_count, trial_days)
VALUES ('plan_digital_monthly', 'Digital monthly', 'DIGITAL', 1299, 'EUR', 'MONTH', 1, 14),
       ('plan_digital_yearly', 'Digital yearly', 'DIGITAL', 12900, 'EUR', 'YEAR', 1, 0)
ON CONFLICT (id) DO NOTHING;
