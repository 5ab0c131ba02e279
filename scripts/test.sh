#!/usr/bin/env bash
# npm test: install what is missing (the cluster mode's Temporal server and the Kubernetes check included),
# type-check, build, then every test — unit, workflow (time-skipping server), replay (recorded histories)
# and end-to-end (real dev server, or the real Temporal server in cluster mode, + PostgreSQL over HTTP).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh --with-test-server --with-cluster --with-k8s-check --with-browser
echo "[test] type-checking and linting" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint --max-warnings 0 .
bash scripts/build.sh
status=0
npx jest --forceExit "$@" || status=$?
# Then the web UI's browser journeys (scripts/test-web.sh), not when jest is given a selection; either failing fails the run.
if [[ $# -eq 0 ]]; then bash scripts/test-web.sh || status=$?; fi
exit $status
