#!/usr/bin/env bash
# The web UI's own npm packages (apps/web) and, with --with-browser, a Chromium for its browser tests.
# Each is cached: a second run installs nothing.
# Browser, in order: a Playwright browser already present, else chromium / google-chrome on PATH,
# else `npx playwright install chromium`, else (root with apt) Debian's chromium with CJK fonts.
# The chosen executable is written to tools/browser.env (empty = Playwright's own).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/apps/web"
log() { printf '[install] %s\n' "$*" >&2; }

stamp="$WEB/node_modules/.install-stamp"
if [[ ! -f "$stamp" || "$WEB/package-lock.json" -nt "$stamp" || "$WEB/package.json" -nt "$stamp" ]]; then
  log "installing the web UI's npm packages (npm ci in apps/web)"
  (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
  (cd "$WEB" && npm rebuild --loglevel=error esbuild >/dev/null 2>&1 || true)
  touch "$stamp"
fi

[[ "${1:-}" == "--with-browser" ]] || exit 0
env_file="$ROOT/tools/browser.env"
mkdir -p "$ROOT/tools"
if [[ -f "$env_file" ]]; then
  # shellcheck disable=SC1090
  source "$env_file"
  if [[ -z "${PLAYWRIGHT_CHROMIUM:-}" || -x "$PLAYWRIGHT_CHROMIUM" ]]; then exit 0; fi
fi
playwright_browser() { (cd "$WEB" && node -e "const p=require('@playwright/test').chromium.executablePath(); process.exit(require('fs').existsSync(p)?0:1)" 2>/dev/null); }
cjk_fonts() {
  fc-list :lang=zh 2>/dev/null | grep -q . && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing CJK fonts (apt-get install fonts-noto-cjk) so that Chinese renders in screenshots"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || log "fonts-noto-cjk could not be installed"
  fi
}
if playwright_browser; then
  echo "PLAYWRIGHT_CHROMIUM=" >"$env_file"
elif exe="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)" && [[ -n "$exe" ]]; then
  log "using $exe for the browser tests"
  echo "PLAYWRIGHT_CHROMIUM=$exe" >"$env_file"
elif (cd "$WEB" && npx playwright install chromium >/dev/null 2>&1) && playwright_browser; then
  log "installed Playwright's Chromium"
  echo "PLAYWRIGHT_CHROMIUM=" >"$env_file"
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  log "Playwright's download is unavailable; installing Debian's chromium (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  echo "PLAYWRIGHT_CHROMIUM=$(command -v chromium)" >"$env_file"
else
  log "ERROR: no Chromium for the browser tests: none present, the download failed and apt-get is not available"
  exit 1
fi
cjk_fonts
