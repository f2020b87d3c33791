#!/usr/bin/env bash
# Self-check of the e2e harness (scripts/e2e/README.md): installs what is missing, runs the
# sample extension's tests in code-server (with a Playwright UI script and screenshots), then
# checks that a failing test makes the run exit non-zero.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash scripts/e2e/install.sh || exit 1

shots="${MVS_E2E_SCREENSHOT_DIR:-$(mktemp -d)}"
run_sample() {
  node --import tsx test/e2e/harness/runTests.ts \
    --extension test/e2e/sample --tests test/e2e/sample/suite/index.js --workspace test/e2e/sample/workspace
}
passed=0 failed=0
t=$SECONDS
if MVS_E2E_SCREENSHOT_DIR="$shots" MVS_E2E_UI_SCRIPT=test/e2e/sample/ui/palette.mjs run_sample \
   && [ -s "$shots/sample-yaml-open.png" ] && [ -s "$shots/ui-notification.png" ]; then
  passed=$((passed + 1)); echo "[run-sample] passing sample: ok ($((SECONDS - t)) s, screenshots in $shots)"
else
  failed=$((failed + 1)); echo "[run-sample] passing sample: FAILED"
fi
t=$SECONDS
MVS_E2E_SAMPLE_FAIL=1 run_sample; rc=$?
if [ "$rc" -ne 0 ]; then
  passed=$((passed + 1)); echo "[run-sample] failing sample exits $rc: ok ($((SECONDS - t)) s)"
else
  failed=$((failed + 1)); echo "[run-sample] failing sample exited 0: FAILED"
fi
echo "e2e-harness: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
