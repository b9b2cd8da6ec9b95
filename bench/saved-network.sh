#!/usr/bin/env bash
# A saved network on business panels, as a user of `recur train` and `recur predict` gets it: the default network
# (`recur train` without --model) trained on each panel's training part, `recur predict` on the same histories,
# scored on the held-out part with `recur evaluate` (sMAPE, MASE, OWA against Naive2, coverage, MSIS). Prints one
# line per panel with the saved window and the seconds of train + predict.
#
#   bench/saved-network.sh                      # M1 monthly and quarterly, tourism monthly and quarterly
#   OUT=/tmp/saved bench/saved-network.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
OUT="${OUT:-$ROOT/target/saved-network}"
mkdir -p "$OUT"
R="$ROOT/recur"
for spec in "m1 monthly 18 12" "m1 quarterly 8 4" "tourism monthly 24 12" "tourism quarterly 8 4"; do
  set -- $spec
  name=$1-$2
  start=$(date +%s.%N)
  "$R" train "$DATA/$1/$2-train.csv" --horizon "$3" --season "$4" --save "$OUT/$name.recur" > "$OUT/$name-train.log" 2>&1 \
    || { echo "$name: train failed: $(tail -n 1 "$OUT/$name-train.log")"; continue; }
  "$R" predict "$DATA/$1/$2-train.csv" --model-file "$OUT/$name.recur" --output "$OUT/$name.csv" > "$OUT/$name-predict.log" 2>&1 \
    || { echo "$name: predict failed: $(tail -n 1 "$OUT/$name-predict.log")"; continue; }
  end=$(date +%s.%N)
  scores=$("$R" evaluate --actuals "$DATA/$1/$2-test.csv" --forecasts "$OUT/$name.csv" --history "$DATA/$1/$2-train.csv" \
    --season "$4" --quiet 2>&1 | tr '\n' ' ')
  window=$(sed -n 's/.*saved [a-z]* (window \([0-9]*\),.*/\1/p' "$OUT/$name-train.log")
  printf "%s | window %s | %.0f s | %s\n" "$name" "$window" "$(echo "$end - $start" | bc)" "$scores"
done
