#!/usr/bin/env bash
# npm start: install what is missing, build if the sources changed, run the whole stack.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh
bash scripts/build.sh
exec node dist/apps/stack/src/main.js
