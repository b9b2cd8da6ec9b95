#!/usr/bin/env bash
# Accuracy benchmark: forecasts every category of the tourism and M1 competition panels (and, with
# --all, M4 Hourly and the classic series) with recur's default model and with any others named, scores
# each with `recur evaluate` (mean over series of sMAPE and MASE against the in-sample seasonal naive,
# the scorer of ../shared/bench/ts_eval.py; for the intervals, coverage and M4's scaled interval score MSIS at
# 95%, lower is better), and prints one Markdown table beside R's forecast package
# (ets, thetaf, auto.arima and their mean "comb", from ../shared/datasets/README.md, produced by
# ../shared/bench/r_panel.R). Timings are wall seconds of `recur forecast` on this machine.
#
#   bench/accuracy.sh                      # the default model on the six panels
#   bench/accuracy.sh ensemble comb auto   # several models side by side
#   ALL=1 bench/accuracy.sh                # also M4 Hourly (about 15 minutes) and the classic series
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
OUT="${OUT:-$ROOT/target/accuracy}"
MODELS=("$@")
(( ${#MODELS[@]} > 0 )) || MODELS=(ensemble)
mkdir -p "$OUT"
"$ROOT/recur" --version >/dev/null 2>&1

# set, path, horizon, season, R's comb sMAPE / MASE, R's best single method sMAPE / MASE
sets=(
  "tourism-yearly tourism/yearly 4 1 22.669/2.864 20.583/2.730"
  "tourism-quarterly tourism/quarterly 8 4 14.447/1.519 15.071/1.586"
  "tourism-monthly tourism/monthly 24 12 18.139/1.442 19.018/1.487"
  "m1-yearly m1/yearly 6 1 18.110/3.711 17.230/3.467"
  "m1-quarterly m1/quarterly 8 4 16.359/1.570 16.352/1.657"
  "m1-monthly m1/monthly 18 12 14.795/1.039 14.971/1.074"
)
if [[ -n "${ALL:-}" ]]; then
  sets+=("m4-hourly m4-hourly/ 48 24 -/- 13.912/1.193")
fi

echo "| set | model | sMAPE | MASE | 80% / 95% coverage | MSIS 95% | seconds | R comb sMAPE / MASE | beats comb on both |"
echo "|---|---|---|---|---|---|---|---|---|"
for row in "${sets[@]}"; do
  read -r name path h m comb best <<<"$row"
  train="$DATA/${path}train.csv"; test="$DATA/${path}test.csv"
  [[ "$path" == */ ]] || { train="$DATA/$path-train.csv"; test="$DATA/$path-test.csv"; }
  for model in "${MODELS[@]}"; do
    out="$OUT/$name-$model.csv"
    start=$(date +%s.%N)
    if ! log=$("$ROOT/recur" forecast "$train" --horizon "$h" --season "$m" --model "$model" --output "$out" 2>&1); then
      echo "| $name | $model | failed: $(tail -n 1 <<<"$log") | | | | | $comb | no |"
      continue
    fi
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
    grep -E "^ensemble:|auto chose|shorter than" <<<"$log" | sed "s/^/  [$name $model] /" >&2 || true
    if ! ev=$("$ROOT/recur" evaluate --actuals "$test" --forecasts "$out" --history "$train" --season "$m" 2>&1); then
      echo "| $name | $model | evaluation failed: $(tail -n 1 <<<"$ev") | | | | $secs | $comb | no |"
      continue
    fi
    smape=$(awk '/^sMAPE/ {print $2}' <<<"$ev")
    mase=$(awk '/^MASE/ {print $2}' <<<"$ev")
    cov=$(grep -oE 'coverage (80|95)%: [0-9.]+%' <<<"$ev" | awk '{print $3}' | paste -sd/ -)
    msis=$(grep -E '^coverage 95%' <<<"$ev" | grep -oE 'MSIS [0-9.]+' | awk '{print $2}' || true)
    wins=$(awk -v s="$smape" -v m="$mase" -v c="$comb" 'BEGIN { split(c, a, "/"); if (a[1] == "-") print "-";
      else print (s < a[1] && m < a[2]) ? "yes" : "no" }')
    echo "| $name | $model | $smape | $mase | $cov | ${msis:--} | $secs | $comb | $wins |"
  done
done
if [[ -n "${ALL:-}" ]]; then
  for model in "${MODELS[@]}"; do
    echo
    echo "Classic series, $model (MASE; R's best in the last column):"
    "$ROOT/bench/classic.sh" "$model"
  done
fi
