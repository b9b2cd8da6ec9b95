#!/usr/bin/env bash
# Runs the default forecast (and a trained-model round trip) on the dev data with the `recur` of one checkout
# and writes every output to OUT_DIR, so that two checkouts' outputs can be compared byte for byte: the check
# that a restructuring changed no forecast.
#
#   bench/same-forecasts.sh CHECKOUT OUT_DIR        # run one checkout's recur
#   diff -r OLD_OUT NEW_OUT                          # silent when every file is byte-identical; names any that differ
#
# Sets: the five classic series, the tourism and M1 panels (yearly, quarterly, monthly); M4 Hourly too with
# ALL=1 (15 minutes on 2 cores); QUICK=1 keeps the three fastest panels; MODEL=arima (any --model) forecasts
# the classic series and the panels with that model instead of the default. Each panel's wall and CPU seconds go
# to standard error: run the two checkouts one after the other, alone on the machine, to compare their speed.
# DATASETS defaults to ../shared/datasets beside this checkout. Model files differ by design when the file format
# changes.
set -euo pipefail
CHECKOUT="$(cd "$1" && pwd)"
OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
DATA="${DATASETS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/datasets}"
R="$CHECKOUT/recur"
"$R" --version >/dev/null
model=()
[[ -z "${MODEL:-}" ]] || model=(--model "$MODEL")

classic=("air-passengers 24 12" "mauna-loa-co2 24 12" "nottingham-temperature 24 12" "sunspots-monthly 24 12"
  "nile-flow 10 1")
for row in "${classic[@]}"; do
  read -r name h m <<<"$row"
  "$R" forecast "$DATA/classic/$name.csv" --horizon "$h" --season "$m" ${model[@]+"${model[@]}"} \
    --output "$OUT/$name.csv" --quiet
done
# a saved network: train, predict, export
"$R" train "$DATA/classic/air-passengers.csv" --horizon 12 --model lstm --hidden 16 --epochs 5 \
  --save "$OUT/air.recur" --quiet
"$R" predict --model-file "$OUT/air.recur" --input "$DATA/classic/air-passengers.csv" --output "$OUT/air-predict.csv" --quiet
"$R" export-onnx --model-file "$OUT/air.recur" --output "$OUT/air.onnx" 2>/dev/null

panels=("tourism/yearly 4 1" "tourism/quarterly 8 4" "tourism/monthly 24 12" "m1/yearly 6 1" "m1/quarterly 8 4"
  "m1/monthly 18 12")
[[ -z "${QUICK:-}" ]] || panels=("tourism/yearly 4 1" "tourism/quarterly 8 4" "m1/yearly 6 1")
[[ -z "${ALL:-}" ]] || panels+=("m4-hourly/ 48 24")
for row in "${panels[@]}"; do
  read -r path h m <<<"$row"
  train="$DATA/$path-train.csv"
  [[ "$path" != */ ]] || train="$DATA/${path}train.csv"
  name=$(tr '/' '-' <<<"${path%/}")
  TIMEFORMAT="$name: %R s wall, %U s CPU"
  time "$R" forecast "$train" --horizon "$h" --season "$m" ${model[@]+"${model[@]}"} --output "$OUT/$name.csv" --quiet
done
