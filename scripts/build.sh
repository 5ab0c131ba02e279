#!/usr/bin/env bash
# Compiles TypeScript to dist/ and builds the web UI to apps/web/dist/, each unless nothing changed since its last build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
web_stamp=apps/web/dist/.build-stamp
if [[ ! -f $web_stamp ]] || [[ -n "$(find apps/web/src apps/web/index.html apps/web/vite.config.ts apps/web/package-lock.json -newer "$web_stamp" ! -name '*.d.ts' -print -quit 2>/dev/null)" ]]; then
  echo "[build] building the web UI" >&2
  (cd apps/web && npx vite build --logLevel warn)
  touch "$web_stamp"
fi
stamp=dist/.build-stamp
if [[ -f $stamp ]] && [[ -z "$(find apps workflows activities libs test/bench tsconfig.json tsconfig.build.json package-lock.json -path apps/web -prune -o -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print -quit 2>/dev/null)" ]]; then
  exit 0
fi
echo "[build] compiling TypeScript" >&2
rm -rf dist
npx tsc -p tsconfig.build.json
touch "$stamp"
