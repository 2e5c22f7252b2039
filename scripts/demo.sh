#!/usr/bin/env bash
# The demo: runs the furthest stage of the chain that works on the bundled
# sample data (generated deterministically by `peakstaff sample`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/peakstaff}
OUT=${OUT:-out/demo}
SAMPLE="$OUT/sample"

mkdir -p "$OUT"
echo "== Generating the sample exports of a mid-size shop into $SAMPLE" >&2
"$BIN" sample --out "$SAMPLE" --force >&2

echo "== Importing them (Freshdesk 2024, Zendesk 2025 in two overlapping exports, Aircall, Qianniu GBK)" >&2
"$BIN" import \
  "$SAMPLE/freshdesk_tickets_2024.csv" \
  "$SAMPLE/zendesk_tickets_2025H1.csv" \
  "$SAMPLE/zendesk_tickets_2025H2.csv" \
  "$SAMPLE/aircall_calls.csv" \
  "$SAMPLE/qianniu_chats_2024-2025.csv" \
  --tz America/New_York \
  --types "$SAMPLE/types.yaml" \
  --out "$OUT/contacts.csv" --force

echo >&2
echo "Results: normalized contacts in $OUT/contacts.csv; sample exports in $SAMPLE" >&2
