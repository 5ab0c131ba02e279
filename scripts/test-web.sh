#!/usr/bin/env bash
# The web UI's checks: type-check, unit tests (vitest), then the browser journeys (Playwright on Chromium)
# against the whole stack serving the built UI; the set-up also fails when src/api/schema.d.ts is stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-web.sh --with-browser
bash scripts/build.sh
cd apps/web
echo "[test] web UI: type-check, unit tests, browser journeys" >&2
npx tsc -p tsconfig.json --noEmit
npx vitest run --reporter=dot
npx playwright test "$@"
