#!/bin/sh
# Creates or upgrades the Temporal server's two Postgres databases (persistence and
# visibility) with temporal-sql-tool and the schema built into it. Run before the server's
# services start: by `holdfast cluster` on this machine, and by the admin-tools step of
# docker-compose.temporal.yml. Safe to run again: an existing database is kept, and
# update-schema only applies versions not yet applied.
#   POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD: where and as whom (as the server)
#   DBNAME, VISIBILITY_DBNAME: default temporal, temporal_visibility
set -eu

: "${POSTGRES_SEEDS:?host of Temporal's Postgres}"
: "${POSTGRES_USER:?}"
: "${POSTGRES_PWD:?}"
sql_tool=${SQL_TOOL:-temporal-sql-tool}

setup() {
  database=$1
  schema=$2
  # The password goes by environment (SQL_PASSWORD), never on a command line others can read.
  set -- --plugin postgres12 --endpoint "$POSTGRES_SEEDS" --port "${DB_PORT:-5432}" \
    --user "$POSTGRES_USER" --database "$database"
  if ! out=$("$sql_tool" "$@" create-database 2>&1); then
    case $out in
      *"already exists"*) ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
  # Version 0.0 only creates the versioning tables; update-schema brings the rest.
  "$sql_tool" "$@" setup-schema --version 0.0
  "$sql_tool" "$@" update-schema --schema-name "$schema"
}

export SQL_PASSWORD="$POSTGRES_PWD"
setup "${DBNAME:-temporal}" postgresql/v12/temporal
setup "${VISIBILITY_DBNAME:-temporal_visibility}" postgresql/v12/visibility
