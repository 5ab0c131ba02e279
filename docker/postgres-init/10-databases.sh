#!/bin/bash
# Runs once, when the postgres volume is first initialised (changing passwords later needs ALTER ROLE).
# The app gets its own role owning only its database; Temporal uses the superuser on its two databases
# (auto-setup tolerates them existing and creates the schema).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$APP_DB_PASSWORD" <<'EOSQL'
CREATE ROLE supervision LOGIN PASSWORD :'app_password';
CREATE DATABASE supervision OWNER supervision;
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
EOSQL
