#!/usr/bin/env bash
# The extension's end-to-end tests in a real VS Code (code-server 4.139.1 = VS Code 1.139, driven
# by headless Chromium; scripts/e2e/README.md), against a private Docker engine (scripts/engine).
# This is what `npm test` runs; its last line is `e2e: N passed, M failed` (from mocha's results).
#
#   bash scripts/e2e/run.sh
#
# Knobs: MVS_E2E_GREP=regexp (only the tests whose full title matches),
# MVS_E2E_BUILD=0 (use dist/ as it is), MVS_E2E_EXTENSION=DIR (test another copy of the
# extension, e.g. an unpacked .vsix with a node_modules link for mocha; default the repo; the
# suite is compiled into DIR/dist-test/e2e), MVS_E2E_KEEP_TMP=1, MVS_E2E_VERBOSE=1,
# MVS_E2E_TIMEOUT=seconds (whole run in code-server, default 600).
#
# Steps: install (idempotent) -> npm run build -> compile test/e2e/suite to dist-test/e2e ->
# start the engine -> temp workspace (test/e2e/workspace + examples/*.macvlan.yaml, with
# macvlan.docker.host = the engine) -> runTests with the UI script test/e2e/ui/steps.mjs ->
# stop the engine. Screenshots go to a temp dir; docs/screenshots/{diagnostic,quickfix,address-map}.png are
# refreshed only when the run passed (MVS_E2E_KEEP_SCREENSHOTS=0 never touches them).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)

t_start=$SECONDS
timings=()
step_t=$SECONDS
mark() { timings+=("$(printf '%-14s %5d s' "$1" $((SECONDS - step_t)))"); step_t=$SECONDS; }
say() { printf '[e2e] %s\n' "$*"; }
passed=0
failed=0
finish() {
  say "timings:"
  for t in "${timings[@]}"; do say "  $t"; done
  say "  total          $((SECONDS - t_start)) s"
  echo "e2e: $passed passed, $failed failed"
}
fail_setup() { # a step before the tests failed: one failure, no tests ran
  say "FAILED: $*"
  failed=1
  finish
  exit 1
}

extension=$(cd "${MVS_E2E_EXTENSION:-$root}" && pwd) || { echo "e2e: 0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d /tmp/mvs-e2e-XXXXXX) || { echo "e2e: 0 passed, 1 failed"; exit 1; }
engine_dir="$tmp/engine"
tests_pid=''
cleanup() {
  if [ -n "$tests_pid" ] && kill -0 "$tests_pid" 2>/dev/null; then kill -INT "$tests_pid" 2>/dev/null; wait "$tests_pid" 2>/dev/null; fi
  # engine.sh stops its dockerd by the PID in its own pidfile (and only a dir it created).
  if [ -f "$engine_dir/.macvlan-spec-engine" ]; then bash scripts/engine/engine.sh stop "$engine_dir" >/dev/null 2>&1 || say "engine stop failed (dir $engine_dir)"; fi
  if [ "${MVS_E2E_KEEP_TMP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# 1. Install code-server, Node 24, Chromium (idempotent) and the engine's packages.
bash scripts/e2e/install.sh >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail_setup "scripts/e2e/install.sh"; }
bash scripts/engine/install.sh >>"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; fail_setup "scripts/engine/install.sh"; }
[ -d node_modules/@vscode/test-electron ] || bash scripts/ensure-deps.sh >&2 || fail_setup "scripts/ensure-deps.sh"
mark install

# 2. The extension as it ships (dist/), always rebuilt: ~2 s, and never stale.
if [ "${MVS_E2E_BUILD:-1}" != 0 ] || [ ! -f dist/client.js ]; then
  npm run --silent build >&2 || fail_setup "npm run build"
fi
mark build

# 3. The suite: one bundle per entry; vscode and mocha come from the extension host / node_modules.
# Inside the extension's folder on purpose: VS Code hands a file under an extension's folder
# that extension's own `vscode` API object, which the apply test needs (it stands in for the
# modal confirmation, which VS Code refuses to show while extension tests run).
out="$extension/dist-test/e2e"
rm -rf "$out"
node_modules/.bin/esbuild test/e2e/suite/index.ts test/e2e/suite/*.test.ts \
  --bundle --platform=node --format=cjs --target=node20 --sourcemap --log-level=warning \
  --external:vscode --external:mocha --outdir="$out" >&2 || fail_setup "compiling test/e2e/suite"
node --check test/e2e/ui/steps.mjs >&2 || fail_setup "test/e2e/ui/steps.mjs does not parse"
mark compile

# 4. A private Docker engine (own netns, veth parents eth0 eth1 eth2 bond0 ...).
bash scripts/engine/engine.sh start "$engine_dir" >"$tmp/engine.out" 2>"$tmp/engine.err" || { cat "$tmp/engine.err" >&2; fail_setup "engine start"; }
engine_var() { sed -n "s/^$1=//p" "$engine_dir/env" | head -n 1; }
docker_host=$(engine_var DOCKER_HOST)
engine_image=$(engine_var MVS_ENGINE_IMAGE)
[ -n "$docker_host" ] || fail_setup "engine env has no DOCKER_HOST"
say "engine: $docker_host (dockerd pid $(engine_var MVS_ENGINE_PID), up in $(engine_var MVS_ENGINE_START_MS) ms)"
mark engine-start

# 5. The workspace: fixtures + the examples, pointed at the engine.
ws="$tmp/workspace"
cp -R test/e2e/workspace "$ws"
cp examples/*.macvlan.yaml "$ws/"
node -e '
  const fs = require("fs"); const [file, host] = process.argv.slice(1);
  const text = fs.readFileSync(file, "utf8");
  const out = text.replace(/"macvlan\.docker\.host":\s*"[^"]*"/, () => `"macvlan.docker.host": ${JSON.stringify(host)}`);
  if (out === text) { console.error("no macvlan.docker.host in " + file); process.exit(1); }
  fs.writeFileSync(file, out);
' "$ws/.vscode/settings.json" "$docker_host" || fail_setup "writing $ws/.vscode/settings.json"
mkdir -p "$tmp/signals" "$tmp/shots"

# 6. The tests. DOCKER_HOST too, so nothing in the extension host can reach another daemon.
log="$tmp/tests.log"
exec {tee_fd}> >(tee "$log")
tee_pid=$!
MVS_E2E_DOCKER_HOST="$docker_host" DOCKER_HOST="$docker_host" MVS_E2E_ENGINE_IMAGE="$engine_image" \
MVS_E2E_UI_SCRIPT="$root/test/e2e/ui/steps.mjs" MVS_E2E_UI_SIGNALS="$tmp/signals" \
MVS_E2E_SCREENSHOT_DIR="$tmp/shots" \
  node --import tsx test/e2e/harness/runTests.ts --extension "$extension" --tests "$out/index.js" --workspace "$ws" \
  >&"$tee_fd" 2>&1 &
tests_pid=$!
wait "$tests_pid"
rc=$?
tests_pid=''
exec {tee_fd}>&-
wait "$tee_pid" 2>/dev/null
mark tests

bash scripts/engine/engine.sh stop "$engine_dir" >"$tmp/engine-stop.out" 2>&1 || { cat "$tmp/engine-stop.out" >&2; say "engine stop failed"; rc=1; }
mark engine-stop

# mocha's spec reporter ends with "N passing (Xs)", "M failing", "K pending".
passed=$(grep -aE '^ +[0-9]+ passing' "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1)
failed=$(grep -aE '^ +[0-9]+ failing' "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1)
passed=${passed:-0}
failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  say "the run failed (exit $rc) without a failing test: counted as one failure"
  failed=1
fi
if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then
  say "no test ran"
  failed=1
fi

# 7. The README's screenshots, only from a passing run.
if [ "$failed" -eq 0 ] && [ "$rc" -eq 0 ] && [ "${MVS_E2E_KEEP_SCREENSHOTS:-1}" = 1 ]; then
  if [ -s "$tmp/shots/diagnostic.png" ] && [ -s "$tmp/shots/quickfix.png" ]; then
    mkdir -p docs/screenshots
    cp "$tmp/shots/diagnostic.png" "$tmp/shots/quickfix.png" docs/screenshots/
    say "screenshots: docs/screenshots/{diagnostic,quickfix}.png refreshed"
  else
    say "screenshots: not refreshed (the UI capture tests did not run)"
  fi
  # The address map's picture, whenever its test ran (MVS_E2E_GREP may leave the others out).
  if [ -s "$tmp/shots/address-map.png" ]; then
    mkdir -p docs/screenshots
    cp "$tmp/shots/address-map.png" docs/screenshots/ && say "screenshots: docs/screenshots/address-map.png refreshed"
  fi
elif [ "$failed" -ne 0 ]; then
  rm -rf dist-test/e2e-screenshots && mkdir -p dist-test && cp -R "$tmp/shots" dist-test/e2e-screenshots
  say "screenshots of this failed run (docs/screenshots untouched): dist-test/e2e-screenshots/"
fi
mark screenshots

finish
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
