#!/usr/bin/env bash
# npm test: install what is missing (the cluster mode's Temporal server and the Kubernetes check included),
# type-check, build, then every test — unit, workflow (time-skipping server), replay (recorded histories)
# and end-to-end (real dev server, or the real Temporal server in cluster mode, + PostgreSQL over HTTP).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh --with-test-server --with-cluster --with-k8s-check
echo "[test] type-checking and linting" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint --max-warnings 0 .
bash scripts/build.sh
exec npx jest --forceExit "$@"
