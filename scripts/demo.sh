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
echo "== Forecasting Black Friday / Cyber Monday 2026 (event-aligned on last year, growth measured)" >&2
"$BIN" forecast "$OUT/contacts.csv" \
  --tz America/New_York \
  --season 2026-11-20..2026-12-06 \
  --interval 30m \
  --out "$OUT/forecast_bfcm.csv" --force

echo >&2
echo "== The same season driven by orders: last year's contact ratio x a 2026 order total" >&2
"$BIN" forecast "$OUT/contacts.csv" \
  --tz America/New_York \
  --season 2026-11-20..2026-12-06 \
  --orders "$SAMPLE/orders_daily.csv" --orders-total 110000 \
  --by channel --json > "$OUT/forecast_bfcm_orders.json"
echo "wrote $OUT/forecast_bfcm_orders.json" >&2

echo >&2
echo "Results in $OUT:" >&2
echo "  contacts.csv             normalized contacts (import)" >&2
echo "  forecast_bfcm.csv        30-minute forecast per channel and issue type, P10/P50/P90 (forecast)" >&2
echo "  forecast_bfcm_orders.json  the order-driven forecast (contact ratio)" >&2
echo "  sample/                  the bundled sample exports" >&2
