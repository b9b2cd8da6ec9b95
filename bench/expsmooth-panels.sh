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
# name, horizon, season, series, MASE lag (car parts: naive's, lag 1), as bench/score-panels.sh reads them
: >"$OUT/panels.txt"
for row in "carparts 12 12 1" "hospital 12 12 12" "jewelry 13 52 52"; do
  read -r name h m lag <<<"$row"
  echo "$name $h $m $(tail -n +2 "$OUT/$name-train.csv" | cut -d, -f1 | sort -u | wc -l) $lag" >>"$OUT/panels.txt"
done
exec "$ROOT/bench/score-panels.sh" "$OUT" "${MODELS[@]}"
