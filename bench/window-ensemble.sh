#!/usr/bin/env bash
# Networks of two input windows in one ensemble (a trial left out; docs/accuracy-log.md). On each dev panel's series
# long enough for the default's network (its window, two horizons and 7 more values), `--model gru` runs three
# times: A with the default window and seed (the automatic ensemble: five networks on a small panel, fewer on a
# larger one), A2 with the same window and seed 5042 (as many others), B with a shorter window (two seasons or one
# horizon, whichever is longer; a horizon without a season) and seed 5042; then `--model comb`.
# bench/window-ensemble.py scores each, the mean of A and A2 (twice the networks, of one window: the control) and
# of A and B (as many, half of each window), and each with comb. With MEMBERS=1, also the five members
# of the default's ensemble one network at a time (`--ensemble 1`, member k's seed 42 + 1000k and window weights,
# equal for even k and MASE for odd), members 2 and 3 again with the shorter window, and the median of the five
# with the default window (A itself where the automatic ensemble has five members) against the median with
# members 2 and 3 on the shorter one: the mixed ensemble the product would build, at the same cost. About 25
# minutes for the seven small panels on 2 cores, 35 more for the three monthly ones; MEMBERS=1 about as much again.
#
#   bench/window-ensemble.sh                           # tourism and M1: yearly, quarterly, monthly
#   M3_DIR=/path/to/m3 bench/window-ensemble.sh        # also M3 yearly, quarterly, monthly and other
#   bench/window-ensemble.sh m1-yearly tourism-yearly  # only these
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
OUT="${OUT:-$ROOT/target/window-ensemble}"
# name, files, horizon, season, the default's window (max(3 seasons, 2 horizons)), the shorter window
sets=("tourism-yearly $DATA/tourism/yearly 4 1 8 4" "tourism-quarterly $DATA/tourism/quarterly 8 4 16 8"
      "tourism-monthly $DATA/tourism/monthly 24 12 48 24" "m1-yearly $DATA/m1/yearly 6 1 12 6"
      "m1-quarterly $DATA/m1/quarterly 8 4 16 8" "m1-monthly $DATA/m1/monthly 18 12 36 24")
if [[ -n "${M3_DIR:-}" ]]; then
  sets+=("m3-yearly $M3_DIR/yearly 6 1 12 6" "m3-quarterly $M3_DIR/quarterly 8 4 16 8"
         "m3-monthly $M3_DIR/monthly 18 12 36 24" "m3-other $M3_DIR/other 8 1 16 8")
fi
for row in "${sets[@]}"; do
  read -r name path h m w short <<<"$row"
  if [[ $# -gt 0 && " $* " != *" $name "* ]]; then
    continue
  fi
  dir="$OUT/$name"
  mkdir -p "$dir"
  series=$(python3 "$ROOT/bench/window-ensemble.py" prepare "$path-train.csv" $((w + 2 * h + 7)) "$dir/raw.csv")
  echo "$name: $series"
  run() { "$ROOT/recur" forecast --input "$dir/raw.csv" --horizon "$h" --season "$m" --quiet "$@"; }
  run --model gru --output "$dir/A.csv"
  run --model gru --seed 5042 --output "$dir/A2.csv"
  run --model gru --seed 5042 --window "$short" --output "$dir/B.csv"
  run --model comb --output "$dir/comb.csv"
  if [[ -n "${MEMBERS:-}" ]]; then
    for k in 0 1 2 3 4; do
      weights=equal
      if (( k % 2 == 1 )); then weights=mase; fi
      run --model gru --ensemble 1 --seed $((42 + 1000 * k)) --window-weights $weights --output "$dir/member$k.csv"
      if (( k == 2 || k == 3 )); then
        run --model gru --ensemble 1 --seed $((42 + 1000 * k)) --window-weights $weights --window "$short" \
          --output "$dir/member$k-short.csv"
      fi
    done
  fi
  python3 "$ROOT/bench/window-ensemble.py" score "$path-train.csv" "$path-test.csv" "$m" "$dir"
done
