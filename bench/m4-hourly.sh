#!/usr/bin/env bash
# M4 Hourly benchmark: forecasts the competition's 414 hourly series (horizon 48, season 24) with
# `recur forecast`, timing the whole run (reading, training, writing), then scores the forecasts with
# `recur evaluate` against the held-out test set (sMAPE, MASE, OWA against Naive2, interval coverage).
#
#   bench/m4-hourly.sh                 # the default model
#   bench/m4-hourly.sh snaive          # a baseline
#   bench/m4-hourly.sh gru --ensemble 1 --epochs 30
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${M4_DIR:-$ROOT/../shared/datasets/m4-hourly}"
OUT="${OUT:-$ROOT/target/m4}"
[[ -f "$DATA/train.csv" && -f "$DATA/test.csv" ]] || { echo "m4-hourly: no train.csv/test.csv in $DATA (set M4_DIR)" >&2; exit 2; }
MODEL="${1:-default}"
shift || true
mkdir -p "$OUT"
"$ROOT/recur" --version >/dev/null 2>&1   # build outside the timing
args=(forecast --input "$DATA/train.csv" --horizon 48 --season 24 --output "$OUT/forecast-$MODEL.csv")
[[ "$MODEL" != default ]] && args+=(--model "$MODEL")
start=$(date +%s.%N)
"$ROOT/recur" "${args[@]}" "$@"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "recur forecast wall time: %.0f s\n", e - s }'
"$ROOT/recur" evaluate --actuals "$DATA/test.csv" --forecasts "$OUT/forecast-$MODEL.csv" --history "$DATA/train.csv" --season 24
