#!/usr/bin/env bash
# Three panels Recur was never tuned on, from the data of Hyndman et al.'s `expsmooth` R package (Forecasting with
# Exponential Smoothing, 2008; github.com/robjhyndman/expsmooth, data/carparts.rda, hospital.rda, jewelry.rda):
# intermittent monthly car-parts sales, monthly hospital patient counts, weekly jewelry sales (bench/expsmooth-panels.R
# says which series and horizons). Forecasts each with the models named (default: the default model), scores it with
# `recur evaluate` (sMAPE, MASE, coverage, MSIS at 95%; car parts' MASE against the in-sample naive, lag 1, as is usual
# for intermittent demand, where a seasonal naive scale is often 0) and prints a Markdown table; with R=1 also R's ets,
# thetaf, auto.arima and their mean (../shared/bench/r_panel.R), scored the same way.
# Needs R (Debian r-base-core) to read the .rda files; R=1 also R's forecast package (r-cran-forecast).
#
#   bench/expsmooth-panels.sh DATADIR                 # the default model
#   R=1 bench/expsmooth-panels.sh DATADIR ensemble auto comb
#   ONLY=jewelry R=1 bench/expsmooth-panels.sh DATADIR       # one panel (a regular expression of names)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" >&2; exit 2; }
DATA="$1"; shift
MODELS=("${@:-ensemble}")
OUT="${OUT:-$(mktemp -d)}"
Rscript "$ROOT/bench/expsmooth-panels.R" "$DATA" "$OUT" >&2
# name, horizon, season, MASE lag
sets=("carparts 12 12 1" "hospital 12 12 12" "jewelry 13 52 52")

score() {   # a forecast file of $name, the method's label and its seconds
  local ev
  if ! ev=$("$ROOT/recur" evaluate --actuals "$OUT/$name-test.csv" --forecasts "$1" --history "$OUT/$name-train.csv" \
      --season "$lag" 2>&1); then
    echo "| $name | $2 | evaluation failed: $(tail -n 1 <<<"$ev") | | | | $3 |"
    return
  fi
  local smape mase cov msis
  smape=$(awk '/^sMAPE/ {print $2}' <<<"$ev")
  mase=$(awk '/^MASE/ {print $2}' <<<"$ev")
  cov=$(grep -oE 'coverage (80|95)%: [0-9.]+%' <<<"$ev" | awk '{print $3}' | paste -sd/ - || true)
  msis=$(grep -E '^coverage 95%' <<<"$ev" | grep -oE 'MSIS [0-9.]+' | awk '{print $2}' || true)
  echo "| $name | $2 | $smape | $mase | ${cov:--} | ${msis:--} | $3 |"
}

echo "| set | model | sMAPE | MASE | 80% / 95% coverage | MSIS 95% | seconds |"
echo "|---|---|---|---|---|---|---|"
for row in "${sets[@]}"; do
  read -r name h m lag <<<"$row"
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || continue
  for model in "${MODELS[@]}"; do
    out="$OUT/$name-$model.csv"
    start=$(date +%s.%N)
    if ! log=$("$ROOT/recur" forecast "$OUT/$name-train.csv" --horizon "$h" --season "$m" --model "$model" \
        --output "$out" 2>&1); then
      echo "| $name | $model | failed: $(tail -n 1 <<<"$log") | | | | |"
      continue
    fi
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    grep -E "^ensemble:|auto chose" <<<"$log" | sed "s/^/  [$name $model] /" >&2 || true
    score "$out" "$model" "$secs"
  done
  if [[ -n "${R:-}" ]]; then
    start=$(date +%s.%N)
    Rscript "$ROOT/../shared/bench/r_panel.R" "$OUT/$name-train.csv" "$m" "$h" "$OUT/r-$name" ets,theta,arima,comb \
      2>/dev/null
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    for r in ets theta arima comb; do
      # r_panel.R numbers the steps 1..h; give them the test part's times
      awk -F, 'NR == FNR { if (FNR > 1) ds[$1, ++n[$1]] = $2; next }
               FNR == 1 { print; next } { $2 = ds[$1, ++k[$1]]; print }' OFS=, \
        "$OUT/$name-test.csv" "$OUT/r-$name/$r.csv" >"$OUT/r-$name/$r-timed.csv"
      score "$OUT/r-$name/$r-timed.csv" "R $r" "$secs (all four)"
    done
  fi
done
