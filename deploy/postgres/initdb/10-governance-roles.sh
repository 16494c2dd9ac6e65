#!/usr/bin/env bash
# The service's PostgreSQL roles. The postgres image runs this once, when it initialises an empty data volume
# (/docker-entrypoint-initdb.d), as the superuser over the local socket.
#
#   migration role (governance_migrator): owns the database and so, through pg_database_owner, the public schema.
#     The one-shot `migrate` service builds the schema as this role, then grants the service role its privileges
#     (Database:AppRole; README "Database protection").
#   service role (governance_app): may connect, and nothing else until those grants. It owns nothing, so it can
#     never alter or drop a table, nor disable the append-only triggers.
#
# Each role's name and password are read from its pgpass line (host:port:database:user:password): the very file the
# service and the migrator name in their connection strings (Passfile), so each password exists in one file only and
# never on a command line or in an environment variable.
set -euo pipefail

export GOVERNANCE_MIGRATOR_PGPASS_FILE="${GOVERNANCE_MIGRATOR_PGPASS_FILE:-/run/secrets/migrator_pgpass}"
export GOVERNANCE_APP_PGPASS_FILE="${GOVERNANCE_APP_PGPASS_FILE:-/run/secrets/app_pgpass}"

# The user field of a pgpass file's first line.
role_of() {
  head -n 1 "$1" | cut -d: -f4
}

psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=database="$POSTGRES_DB" \
  --set=migrator="$(role_of "$GOVERNANCE_MIGRATOR_PGPASS_FILE")" \
  --set=app="$(role_of "$GOVERNANCE_APP_PGPASS_FILE")" <<'SQL'
-- The passwords go from the files straight into psql variables (the fifth field onwards).
\set migrator_password `head -n 1 "$GOVERNANCE_MIGRATOR_PGPASS_FILE" | cut -d: -f5-`
\set app_password `head -n 1 "$GOVERNANCE_APP_PGPASS_FILE" | cut -d: -f5-`

CREATE ROLE :"migrator" LOGIN PASSWORD :'migrator_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

ALTER DATABASE :"database" OWNER TO :"migrator";
-- Nobody else connects or creates temporary tables; the service role only connects.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"app";
-- PostgreSQL 15 already denies PUBLIC the right to create in the public schema; older servers do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
