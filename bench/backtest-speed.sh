#!/usr/bin/env bash
# The backtests of local methods (ETS, Theta, ARIMA, comb, the baselines) that a report's comparison of methods and
# `auto`'s choice run, timed in two checkouts one after the other: the report of tourism monthly with seasonal naive
# (so that the comparison against snaive, naive, ETS and Theta, not the method, is what is measured), `auto` on the
# same panel, and the report of the default on tourism quarterly (its backtest at three origins, then the
# comparison). Prints each run's seconds and whether the two checkouts' forecast files are the same to the byte (the
# reports' HTML differ by their command line and durations). Run it alone on the machine; WHAT="auto" (any of
# report, auto, default-report) runs those alone.
#
#   bench/backtest-speed.sh OLD_CHECKOUT NEW_CHECKOUT [OUT_DIR]
set -euo pipefail
OLD="$(cd "$1" && pwd)"
NEW="$(cd "$2" && pwd)"
OUT="$(mkdir -p "${3:-target/backtest-speed}" && cd "${3:-target/backtest-speed}" && pwd)"
DATA="${DATASETS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/datasets}/tourism"
"$OLD/recur" --version >/dev/null
"$NEW/recur" --version >/dev/null
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" --quiet 2>/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
}
for what in ${WHAT:-report auto default-report}; do
  for side in old new; do
    R="$OLD/recur"
    [[ $side == old ]] || R="$NEW/recur"
    if [[ $what == report ]]; then
      s=$(timed "$R" forecast "$DATA/monthly-train.csv" --horizon 24 --season 12 --model snaive \
        --output "$OUT/report-$side.csv" --report "$OUT/report-$side.html")
    elif [[ $what == auto ]]; then
      s=$(timed "$R" forecast "$DATA/monthly-train.csv" --horizon 24 --season 12 --model auto \
        --output "$OUT/auto-$side.csv")
    else
      s=$(timed "$R" forecast "$DATA/quarterly-train.csv" --horizon 8 --season 4 \
        --output "$OUT/default-report-$side.csv" --report "$OUT/default-report-$side.html")
    fi
    echo "$what $side ${s}s"
  done
  if cmp -s "$OUT/$what-old.csv" "$OUT/$what-new.csv"; then
    echo "$what: the same forecast file"
  else
    echo "$what: the forecast files differ"
  fi
done
