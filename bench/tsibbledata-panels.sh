#!/usr/bin/env bash
# Eighteen panels Recur was never tuned on, from the data of the tidyverts `tsibbledata` R package and of the `fpp3`
# package (Hyndman and Athanasopoulos, Forecasting: Principles and Practice, 3rd edition; their data/*.rda files,
# e.g. from github.com/tidyverts/tsibbledata and github.com/robjhyndman/fpp3package): yearly GDP and exports of 263
# countries, monthly Australian retail turnover, US employment, arrivals in Australia, prescriptions, livestock
# slaughtered and NSW offences, weekly airline passengers and deaths, a daily and a weekly single series, and
# (since stop 78) a quarterly panel, yearly fertility rates, half-hourly electricity demand and daily pedestrian
# counts, and (since stop 82) Australia's quarterly domestic tourism by region and purpose (the tsibble package's
# `tourism`) and a yearly panel of household budgets, prices, pelts, rice and air passengers
# (bench/tsibbledata-panels.R says which series and horizons). The files are dated, so `recur forecast` infers each
# one's frequency itself. Forecasts each with the models named (default: the default model) and scores it with
# `recur evaluate` (bench/score-panels.sh); with R=1 also R's ets, thetaf, auto.arima and their mean.
# Needs R (Debian r-base-core) to read the .rda files; R=1 also R's forecast package (r-cran-forecast).
#
#   bench/tsibbledata-panels.sh DATADIR                     # the default model
#   OUT=/tmp/tsp R=1 bench/tsibbledata-panels.sh DATADIR ensemble comb
#   ONLY='gdp|ansett' bench/tsibbledata-panels.sh DATADIR   # some panels (a regular expression of names)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { sed -n '2,17p' "${BASH_SOURCE[0]}" >&2; exit 2; }
DATA="$1"; shift
OUT="${OUT:-$(mktemp -d)}"
Rscript "$ROOT/bench/tsibbledata-panels.R" "$DATA" "$OUT" >&2
exec "$ROOT/bench/score-panels.sh" "$OUT" "$@"
