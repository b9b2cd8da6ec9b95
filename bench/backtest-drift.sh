#!/usr/bin/env bash
# Do the test periods of the dev panels look like the backtests that calibrate the intervals? For each panel,
# `comb`'s mean scaled absolute error (divided by the MASE scale of the history before the origin, as the
# intervals pool them) one and a half horizons and one horizon before the end of the training part and on the
# test period itself, the ratio of the last two, and the coverage on the test period of 80% and 95% intervals
# calibrated on the latest backtest alone (bench/BacktestDrift.java). A ratio below 1 means the test period was
# easier for `comb` than the stretch before it, and intervals calibrated there cover more than they say.
#
#   bench/backtest-drift.sh              # tourism and M1, every category (about 8 minutes on 2 cores)
#   M3_DIR=/path/to/m3 bench/backtest-drift.sh   # also M3 yearly, quarterly, other (its {yearly,...}-{train,test}.csv)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
"$ROOT/recur" --version >/dev/null 2>&1   # builds the jars when they are missing or stale
sets=(
  "tourism-yearly $DATA/tourism/yearly 4 1"
  "tourism-quarterly $DATA/tourism/quarterly 8 4"
  "tourism-monthly $DATA/tourism/monthly 24 12"
  "m1-yearly $DATA/m1/yearly 6 1"
  "m1-quarterly $DATA/m1/quarterly 8 4"
  "m1-monthly $DATA/m1/monthly 18 12"
)
if [[ -n "${M3_DIR:-}" ]]; then
  sets+=("m3-yearly $M3_DIR/yearly 6 1" "m3-quarterly $M3_DIR/quarterly 8 4" "m3-other $M3_DIR/other 8 1")
fi
echo "| set | series | comb error 1.5 h before | 1 h before | test period | test / 1 h before | coverage 80% / 95% from the latest backtest |"
echo "|---|---|---|---|---|---|---|"
for row in "${sets[@]}"; do
  read -r name path h m <<<"$row"
  java -cp "$ROOT/plugin/target/recur-plugin.jar:$ROOT/plugin/target/lib/*" "$ROOT/bench/BacktestDrift.java" \
    "$name" "$path-train.csv" "$path-test.csv" "$h" "$m"
done
