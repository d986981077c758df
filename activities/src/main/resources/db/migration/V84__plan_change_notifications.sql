-- Every change of a plan's row (name, active, current version) is announced on the channel perennial_plans with the
-- plan's id, delivered when its transaction commits (never for one rolled back): each API and worker process keeps
-- plan rows in memory only while it listens there (io.perennial.catalog.PlanRows), so a retired plan or a new version
-- is seen by every instance within milliseconds, whichever process or tool wrote it.
CREATE FUNCTION notify_plan_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('perennial_plans', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER plans_changed AFTER INSERT OR UPDATE OR DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION notify_plan_changed();
