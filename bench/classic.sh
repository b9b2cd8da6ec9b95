#!/usr/bin/env bash
# Classic series benchmark: for each series in ../shared/datasets/classic, hold out the last h points,
# forecast them with `recur forecast --model MODEL` (default auto) on the rest, and score MASE with
# `recur evaluate` (in-sample seasonal naive scale, as R's forecast::accuracy). Prints a Markdown table
# beside R's best published MASE (ets, auto.arima, thetaf, snaive) and the 10% goal.
#
#   bench/classic.sh            # auto
#   bench/classic.sh ets
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${CLASSIC_DIR:-$ROOT/../shared/datasets/classic}"
OUT="${OUT:-$ROOT/target/classic}"
MODEL="${1:-auto}"
shift || true
mkdir -p "$OUT"
"$ROOT/recur" --version >/dev/null 2>&1
# series, h, season, R's best MASE (min of ets, auto.arima, thetaf, snaive from the datasets README)
rows=(
  "air-passengers 24 12 2.212"
  "mauna-loa-co2 24 12 0.211"
  "nottingham-temperature 24 12 0.601"
  "sunspots-monthly 24 12 0.461"
  "nile-flow 10 1 0.851"
)
echo "| series | h | recur $MODEL MASE | model chosen | R's best MASE | within 10% |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  read -r name h m best <<<"$r"
  src="$DATA/$name.csv"
  n=$(($(wc -l <"$src") - 1))
  head -n $((n - h + 1)) "$src" >"$OUT/$name-train.csv"
  { head -n 1 "$src"; tail -n "$h" "$src"; } >"$OUT/$name-test.csv"
  if ! log=$("$ROOT/recur" forecast --input "$OUT/$name-train.csv" --horizon "$h" --season "$m" --model "$MODEL" \
        --output "$OUT/$name-forecast.csv" "$@" 2>&1); then
    echo "| $name | $h | failed: $(tail -n 1 <<<"$log") | | $best | no |"
    continue
  fi
  chose=$(grep -oE 'auto chose [a-z0-9]+' <<<"$log" | awk '{print $3}' || true)
  if ! ev=$("$ROOT/recur" evaluate --actuals "$OUT/$name-test.csv" --forecasts "$OUT/$name-forecast.csv" \
        --history "$OUT/$name-train.csv" --season "$m" 2>&1); then
    echo "| $name | $h | evaluation failed: $(tail -n 1 <<<"$ev") | | $best | no |"
    continue
  fi
  mase=$(awk '/^MASE/ {print $2}' <<<"$ev")
  ok=$(awk -v a="$mase" -v b="$best" 'BEGIN { print (a <= 1.1 * b) ? "yes" : "no" }')
  echo "| $name | $h | $mase | ${chose:-$MODEL} | $best | $ok |"
done
