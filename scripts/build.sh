#!/usr/bin/env bash
# Compiles TypeScript to dist/ unless nothing changed since the last build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=dist/.build-stamp
if [[ -f $stamp ]] && [[ -z "$(find apps workflows activities libs test/bench tsconfig.json tsconfig.build.json package-lock.json -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print -quit 2>/dev/null)" ]]; then
  exit 0
fi
echo "[build] compiling TypeScript" >&2
rm -rf dist
npx tsc -p tsconfig.build.json
touch "$stamp"
