#!/bin/sh
# The temporal-schema job (temporalio/admin-tools): creates Temporal's two databases if they are missing, then
# brings their schemas to the versions this admin-tools image ships. Safe to run on every `docker compose up`:
# setup-schema leaves a versioned schema alone and update-schema applies only the missing versions.
set -eu

# Where the admin-tools image keeps the schema files of its temporal-sql-tool (the cluster rehearsal points
# TEMPORAL_SCHEMA_DIR at the same files taken from the Go module).
SCHEMA_DIR="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

# temporal-sql-tool answers success for a database that exists (PostgreSQL's duplicate-database error is ignored).
for database in temporal temporal_visibility; do
  sql_tool --db "$database" create
  echo "database $database is there"
done

sql_tool --db temporal setup-schema -v 0.0
sql_tool --db temporal update-schema -d "$SCHEMA_DIR/temporal/versioned"
sql_tool --db temporal_visibility setup-schema -v 0.0
sql_tool --db temporal_visibility update-schema -d "$SCHEMA_DIR/visibility/versioned"
echo "Temporal schemas are up to date"
