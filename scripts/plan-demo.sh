#!/usr/bin/env bash
# `npm start`, last step: plan the two-host example's lab1 against a private Docker engine
# (scripts/engine: Debian's docker.io in its own network namespace, veth "NICs" eth0 eth1 bond0).
# Plan only: this kernel has no 802.1Q links, and the example's images are not on the engine.
# The engine is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

SPEC=${MVS_DEMO_SPEC:-examples/two-host-lab.macvlan.yaml}
HOST=${MVS_DEMO_HOST:-lab1}

if [ "$(id -u)" != 0 ]; then
  echo "plan demo: skipped (it starts a private dockerd, which needs root)"
  exit 0
fi
[ -f dist/cli.js ] || { echo "plan demo: dist/cli.js is missing: run npm run build first" >&2; exit 1; }

bash scripts/engine/install.sh >/dev/null
DIR=$(mktemp -d /tmp/mvs-demo-XXXXXX)
cleanup() { bash scripts/engine/engine.sh stop "$DIR" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT INT TERM

t0=$(date +%s%3N)
MVS_ENGINE_PARENTS="eth0 eth1 bond0" bash scripts/engine/engine.sh start "$DIR" >/dev/null 2>"$DIR.log" || {
  echo "plan demo: the private engine did not start:" >&2
  tail -n 20 "$DIR.log" >&2
  rm -f "$DIR.log"
  exit 1
}
rm -f "$DIR.log"
echo "(private engine up in $(( $(date +%s%3N) - t0 )) ms: unix://$DIR/docker.sock)"
echo "\$ macvlan-spec plan $SPEC --host $HOST --docker unix://$DIR/docker.sock"
node dist/cli.js plan "$SPEC" --host "$HOST" --docker "unix://$DIR/docker.sock"
