#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d).
# One PostgreSQL hosts two tenants: Temporal (role "temporal", which creates its own databases "temporal" and
# "temporal_visibility" through temporal-sql-tool in the temporal-schema job) and Perennial (role and database
# "perennial"; the worker's Flyway migrations create the tables).
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${PERENNIAL_DB_PASSWORD:?PERENNIAL_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v perennial_password="$PERENNIAL_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE perennial LOGIN PASSWORD :'perennial_password';
CREATE DATABASE perennial OWNER perennial;
SQL
