#!/usr/bin/env bash
# The network's default window for a season: the default (two seasons or one horizon, whichever is longer, for a
# season up to 24; one season or one horizon for a longer one) against the rule before it (three seasons or two
# horizons; two seasons for M4 Weekly's 52), which `--window` reproduces exactly, with the whole default
# (network, `comb` and the choice between them) on each seasonal dev panel. Scored twice: on the published test
# split, and on the training part alone with its own last h values held out (series of at most h values left out
# of both), which the test period never sees. Prints sMAPE / MASE, 80% / 95% coverage and wall seconds.
#
#   bench/window-rule.sh                                   # tourism and M1 quarterly and monthly, about 30 minutes
#   M3_DIR=/path/to/m3 bench/window-rule.sh                # also M3 quarterly and monthly ({quarterly,...}-{train,test}.csv)
#   M4W_DIR=/path/to/m4w bench/window-rule.sh              # also M4 Weekly (train.csv, test.csv of bench/m4-long.py)
#   SPLITS=test bench/window-rule.sh                       # the test split only (or SPLITS=inner)
#   ONLY=m3 M3_DIR=/path/to/m3 bench/window-rule.sh        # only the sets whose name matches (a bash regex)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATASETS:-$ROOT/../shared/datasets}"
OUT="${OUT:-$ROOT/target/window-rule}"
SPLITS="${SPLITS:-test inner}"
mkdir -p "$OUT"
"$ROOT/recur" --version >/dev/null 2>&1

# name, files (prefix of -train.csv / -test.csv), horizon, season, the earlier rule's window: max(3 seasons, 2 horizons),
# or for a season above 24 max(2 seasons, horizon)
sets=(
  "tourism-quarterly $DATA/tourism/quarterly 8 4 16"
  "tourism-monthly $DATA/tourism/monthly 24 12 48"
  "m1-quarterly $DATA/m1/quarterly 8 4 16"
  "m1-monthly $DATA/m1/monthly 18 12 36"
)
if [[ -n "${M3_DIR:-}" ]]; then
  sets+=("m3-quarterly $M3_DIR/quarterly 8 4 16" "m3-monthly $M3_DIR/monthly 18 12 36")
fi
if [[ -n "${M4W_DIR:-}" ]]; then
  sets+=("m4-weekly $M4W_DIR/ 13 52 104")
fi

# the training part of a long file with each series' last h values as its test part
hold_out() {
  python3 - "$1" "$2" "$3" <<'EOF'
import csv, sys
src, h, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
series = {}
try:
    with open(src, newline="") as f:
        rows = csv.reader(f)
        head = next(rows, None)
        if head is None:
            sys.exit(f"{src}: empty file")
        for row in rows:
            series.setdefault(row[0], []).append(row)
except OSError as e:
    sys.exit(f"{src}: {e.strerror}")
with open(out + "-train.csv", "w", newline="") as tr, open(out + "-test.csv", "w", newline="") as te:
    a, b = csv.writer(tr), csv.writer(te)
    a.writerow(head)
    b.writerow(head)
    for rows in series.values():
        if len(rows) > h:
            a.writerows(rows[:-h])
            b.writerows(rows[-h:])
EOF
}

echo "| set | split | window | sMAPE | MASE | 80% / 95% coverage | seconds | the network's series and choice |"
echo "|---|---|---|---|---|---|---|---|"
for row in "${sets[@]}"; do
  read -r name files h m earlier <<<"$row"
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || continue
  train="${files}-train.csv"; test="${files}-test.csv"
  [[ "$files" == */ ]] && { train="${files}train.csv"; test="${files}test.csv"; }
  for split in $SPLITS; do
    tr="$train"; te="$test"
    if [[ "$split" == inner ]]; then
      if ! err=$(hold_out "$train" "$h" "$OUT/$name-inner" 2>&1); then
        echo "| $name | $split | - | failed: $(tail -n 1 <<<"$err") | | | | |"
        continue
      fi
      tr="$OUT/$name-inner-train.csv"; te="$OUT/$name-inner-test.csv"
    fi
    for rule in default earlier; do
      extra=()
      [[ "$rule" == earlier ]] && extra=(--window "$earlier")
      out="$OUT/$name-$split-$rule.csv"
      start=$(date +%s.%N)
      if ! log=$("$ROOT/recur" forecast "$tr" --horizon "$h" --season "$m" "${extra[@]}" --output "$out" 2>&1); then
        echo "| $name | $split | $rule | failed: $(tail -n 1 <<<"$log") | | | | |"
        continue
      fi
      secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
      window=$(grep -oE '^[a-z]+: [0-9]+ series, window [0-9]+' <<<"$log" | head -n 1 | grep -oE '[0-9]+$' || echo "-")
      why=$(grep -oE '[0-9]+ series of at least [0-9]+ values: [a-z+]+ \(held-out MASE[^)]*\)' <<<"$log" | tail -n 1 || true)
      # a failed evaluation is a row that says why, as a failed forecast is, not the end of the table
      if ! ev=$("$ROOT/recur" evaluate --actuals "$te" --forecasts "$out" --history "$tr" --season "$m" 2>&1); then
        echo "| $name | $split | $rule ($window) | evaluation failed: $(tail -n 1 <<<"$ev") | | | $secs | ${why:--} |"
        continue
      fi
      smape=$(awk '/^sMAPE/ {print $2}' <<<"$ev")
      mase=$(awk '/^MASE/ {print $2}' <<<"$ev")
      cov=$(grep -oE 'coverage (80|95)%: [0-9.]+%' <<<"$ev" | awk '{print $3}' | paste -sd/ -)
      echo "| $name | $split | $rule ($window) | $smape | $mase | $cov | $secs | ${why:--} |"
    done
  done
done
