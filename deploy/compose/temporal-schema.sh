#!/bin/sh
# The temporal-schema job (temporalio/admin-tools): creates Temporal's two databases if they are missing, then
# brings their schemas to the versions this admin-tools image ships. Safe to run on every `docker compose up`:
# setup-schema leaves a versioned schema alone and update-schema applies only the missing versions.
set -eu

SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

create_database() {
  if sql_tool --db "$1" create 2>/tmp/create-"$1".err; then
    echo "created database $1"
  elif grep -q 'already exists' /tmp/create-"$1".err; then
    echo "database $1 exists"
  else
    cat /tmp/create-"$1".err >&2
    exit 1
  fi
}

for database in temporal temporal_visibility; do
  create_database "$database"
done

sql_tool --db temporal setup-schema -v 0.0
sql_tool --db temporal update-schema -d "$SCHEMA_DIR/temporal/versioned"
sql_tool --db temporal_visibility setup-schema -v 0.0
sql_tool --db temporal_visibility update-schema -d "$SCHEMA_DIR/visibility/versioned"
echo "Temporal schemas are up to date"
