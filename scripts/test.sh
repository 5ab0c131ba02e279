#!/usr/bin/env bash
# npm test: install what is missing, type-check, build, then every test — unit, workflow (time-skipping
# server), replay (recorded histories) and end-to-end (real dev server + PostgreSQL over HTTP).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh --with-test-server
echo "[test] type-checking and linting" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint --max-warnings 0 .
bash scripts/build.sh
exec npx jest --forceExit "$@"
