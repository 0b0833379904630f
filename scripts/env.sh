# Sourced by scripts: puts the project's Node 24 first on PATH and points node-gyp at its headers.
_tiepdon_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -x "$_tiepdon_root/.tools/node/bin/node" ]; then
  export PATH="$_tiepdon_root/.tools/node/bin:$PATH"
  export npm_config_nodedir="$_tiepdon_root/.tools/node"
fi
unset _tiepdon_root
