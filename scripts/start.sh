#!/usr/bin/env bash
# npm start: install what is missing, build if the sources changed, run the whole stack.
# npm start -- --cluster (or STACK_MODE=cluster): the production topology on this machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ " $* " == *" --cluster "* || "${STACK_MODE:-}" == cluster ]]; then
  bash scripts/install-tools.sh --with-cluster
else
  bash scripts/install-tools.sh
fi
bash scripts/build.sh
exec node dist/apps/stack/src/main.js "$@"
