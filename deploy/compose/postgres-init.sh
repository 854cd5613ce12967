#!/usr/bin/env bash
# Runs once, when the PostgreSQL container initialises an empty data directory (the image runs
# every script in /docker-entrypoint-initdb.d). Each business service owns its database, reached
# with its own login role that owns nothing else: no service can read another's tables.
# Passwords come from the environment (docker-compose.yml takes them from the --env-file).
set -euo pipefail

create_service_database() {
  local database=$1 role=$2 password=$3
  echo "creating database $database owned by role $role"
  # psql variables (:"identifier", :'literal') quote the names and the password safely.
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v database="$database" -v role="$role" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create_service_database iop_missions missions "${MISSIONS_DB_PASSWORD:?MISSIONS_DB_PASSWORD is not set}"
create_service_database iop_personnel personnel "${PERSONNEL_DB_PASSWORD:?PERSONNEL_DB_PASSWORD is not set}"
create_service_database iop_notifications notifications "${NOTIFICATIONS_DB_PASSWORD:?NOTIFICATIONS_DB_PASSWORD is not set}"
