#!/usr/bin/env bash
# `npm start`: install, build, check the example specs, and print an apply plan for the seed
# example against a private Docker engine that this script starts (and stops) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "== build"
npm run --silent build
echo "== check examples"
set +e
node dist/cli.js check examples/*.yaml
status=$?
set -e
echo "(exit $status: the mistakes example is meant to fail)"
echo "== plan"
if [ -f scripts/plan-demo.sh ]; then bash scripts/plan-demo.sh; else echo "plan: not available yet"; fi
