#!/usr/bin/env bash
# How long headless Chromium takes to open the HTML report of all 414 M4 hourly series (seasonal naive, so
# that the report, not training, is what is measured). Prints the report's size, the load time of the
# report and of an empty page (browser start-up), and their difference.
#
#   bench/report-chromium.sh [backtest-windows]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${M4_DIR:-$ROOT/../shared/datasets/m4-hourly}"
OUT="${OUT:-$ROOT/target/report-bench}"
CHROMIUM="${RECUR_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[[ -n "$CHROMIUM" ]] || { echo "report-chromium: no Chromium found (set RECUR_CHROMIUM)" >&2; exit 2; }
[[ -f "$DATA/train.csv" ]] || { echo "report-chromium: no train.csv in $DATA (set M4_DIR)" >&2; exit 2; }
mkdir -p "$OUT"
"$ROOT/recur" forecast --input "$DATA/train.csv" --horizon 48 --season 24 --model snaive \
  --output "$OUT/forecast.csv" --report "$OUT/m4-hourly.html" --backtest-windows "${1:-3}" --quiet
echo '<!DOCTYPE html><html><body>empty</body></html>' > "$OUT/empty.html"
load() {
  local start end
  start=$(date +%s.%N)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$OUT/profile" --dump-dom "file://$1" > "$OUT/dom.html" 2>/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
load "$OUT/empty.html" >/dev/null
empty=$(load "$OUT/empty.html")
report=$(load "$OUT/m4-hourly.html")
size=$(du -m "$OUT/m4-hourly.html" | cut -f1)
svgs=$(grep -o '<svg' "$OUT/dom.html" | wc -l)
echo "report ${size} MB, ${svgs} charts in the DOM; load: report ${report} s, empty page ${empty} s (browser start-up)"
awk -v r="$report" -v e="$empty" 'BEGIN { printf "report load time less start-up: %.2f s\n", r - e }'
