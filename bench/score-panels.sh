#!/usr/bin/env bash
# Forecasts the panels of a directory made by bench/expsmooth-panels.R or bench/tsibbledata-panels.R (its
# panels.txt lists each panel's name, horizon, season and, optionally after the series count, the MASE lag) with
# the models named (default: the default model), scores each with `recur evaluate` (sMAPE, MASE against the
# in-sample seasonal naive at the lag, coverage, MSIS at 95%) and prints a Markdown table; with R=1 also R's ets,
# thetaf, auto.arima and their mean (../shared/bench/r_panel.R, R's forecast package), scored the same way.
#
#   bench/score-panels.sh DIR                       # the default model on every panel of DIR
#   R=1 ONLY='gdp|ansett' bench/score-panels.sh DIR ensemble comb
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { sed -n '2,9p' "${BASH_SOURCE[0]}" >&2; exit 2; }
OUT="$1"; shift
MODELS=("${@:-ensemble}")

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

echo "| set (series, h, season) | model | sMAPE | MASE | 80% / 95% coverage | MSIS 95% | seconds |"
echo "|---|---|---|---|---|---|---|"
while read -r name h m count lag; do
  [[ -n "$name" ]] || continue
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || continue
  lag="${lag:-$m}"
  label="$name ($count, $h, $m)"
  for model in "${MODELS[@]}"; do
    out="$OUT/$name-$model.csv"
    start=$(date +%s.%N)
    if ! log=$("$ROOT/recur" forecast "$OUT/$name-train.csv" --horizon "$h" --season "$m" --model "$model" \
        --output "$out" 2>&1); then
      echo "| $label | $model | failed: $(tail -n 1 <<<"$log") | | | | |"
      continue
    fi
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    grep -E "^ensemble:|auto chose" <<<"$log" | sed "s/^/  [$name $model] /" >&2 || true
    score "$out" "$model" "$secs" | sed "s/^| $name |/| $label |/"
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
      score "$OUT/r-$name/$r-timed.csv" "R $r" "$secs (all four)" | sed "s/^| $name |/| $label |/"
    done
  fi
done <"$OUT/panels.txt"
