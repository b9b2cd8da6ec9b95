#!/usr/bin/env bash
# The network on seasonally adjusted series (a trial left out; docs/accuracy-log.md): for each quarterly dev panel,
# `--model gru` on the series long enough for the default's network, once as they are and once divided by their
# classical multiplicative seasonal indices (then multiplied back), `--model comb` on the same series, and the
# sMAPE and MASE of each and of each network's mean with comb (bench/seasonally-adjusted.py). About 12 minutes
# on 2 cores.
#
#   bench/seasonally-adjusted.sh                          # M1 and tourism quarterly
#   M3_DIR=/path/to/m3 bench/seasonally-adjusted.sh       # also M3 quarterly (its quarterly-{train,test}.csv)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
OUT="${OUT:-$ROOT/target/seasonally-adjusted}"
# name, files, horizon, season, the default network's shortest series (its window, two horizons, 7 more)
sets=("m1-quarterly $DATA/m1/quarterly 8 4 39" "tourism-quarterly $DATA/tourism/quarterly 8 4 39")
if [[ -n "${M3_DIR:-}" ]]; then
  sets+=("m3-quarterly $M3_DIR/quarterly 8 4 39")
fi
for row in "${sets[@]}"; do
  read -r name path h m shortest <<<"$row"
  dir="$OUT/$name"
  echo "$name: $(python3 "$ROOT/bench/seasonally-adjusted.py" prepare "$path-train.csv" "$m" "$shortest" "$dir")"
  for run in raw adjusted; do
    "$ROOT/recur" forecast --input "$dir/$run.csv" --horizon "$h" --season "$m" --model gru \
      --output "$dir/$run-forecast.csv" --quiet
  done
  "$ROOT/recur" forecast --input "$dir/raw.csv" --horizon "$h" --season "$m" --model comb \
    --output "$dir/comb-forecast.csv" --quiet
  python3 "$ROOT/bench/seasonally-adjusted.py" score "$path-train.csv" "$path-test.csv" "$m" "$dir"
done
