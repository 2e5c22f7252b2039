#!/usr/bin/env bash
# The demo: the bundled plan (testdata/demo/plan.yaml) on the bundled sample
# exports, through every stage that exists: sample -> import -> forecast ->
# requirements, then the plan's scenarios side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/peakstaff}
OUT=${OUT:-out/demo}
"$BIN" demo --out "$OUT"
