-- GET /v1/admin/audit-log pages the trail newest first by (at, id), optionally of one actor or action.
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at DESC, id DESC);
