#!/usr/bin/env bash
# The command line's default model on Spark (`ForecastJob --model ensemble`), against `recur forecast` on the
# same data, on M1 monthly (617 series, h 18, season 12): the whole table as one group, which must give the
# command line's forecasts of the file with its series in id order (the order the job gives a group), and one
# group per sector (the letters of M1's ids, `--train-per sector`), scored with `recur evaluate`. Prints the
# largest relative difference to the command line's CSV, each run's seconds and each forecast's scores. The job
# runs from the shaded job jar in local[2], with Spark's jars from the local Maven repository (as bench/spark.sh).
#
#   bench/spark-ensemble.sh                 # M1 monthly from ../shared/datasets/m1
#   M1_DIR=/path/to/m1 bench/spark-ensemble.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${M1_DIR:-$ROOT/../shared/datasets/m1}"
OUT="${OUT:-$ROOT/target/spark-ensemble}"
[[ -f "$DATA/monthly-train.csv" && -f "$DATA/monthly-test.csv" ]] || { echo "spark-ensemble: no monthly-train.csv/monthly-test.csv in $DATA (set M1_DIR)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
cd "$ROOT"
source "$ROOT/bench/spark-build.sh"
# the file in id order, and with each series' sector (its id's letters) as a column
python3 - "$DATA/monthly-train.csv" "$OUT" <<'EOF'
import csv, re, sys
rows = {}
for r in csv.DictReader(open(sys.argv[1])):
    rows.setdefault(r['unique_id'], []).append(r)
with open(sys.argv[2] + '/sorted.csv', 'w') as s, open(sys.argv[2] + '/sectors.csv', 'w') as g:
    s.write('unique_id,ds,y\n'); g.write('unique_id,ds,y,sector\n')
    for k in sorted(rows):
        for r in rows[k]:
            s.write('%s,%s,%s\n' % (k, r['ds'], r['y']))
            g.write('%s,%s,%s,%s\n' % (k, r['ds'], r['y'], re.sub(r'\d+$', '', k)))
EOF
SPARK=(java --add-modules jdk.incubator.vector $OPENS -Xmx4g -cp "$JOB:$(cat "$OUT/spark.cp")" dev.recur.spark.ForecastJob
  --master 'local[2]' --horizon 18 --season 12 --model ensemble --output "$OUT/spark" --output-format csv --quiet)
timed() { local s; s=$(date +%s.%N); "$@" >&2; awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }'; }
cli=$(timed "$ROOT/recur" forecast --input "$OUT/sorted.csv" --horizon 18 --season 12 --output "$OUT/cli.csv" --quiet)
whole=$(timed "${SPARK[@]}" --input "$OUT/sorted.csv" --run whole)
groups=$(timed "${SPARK[@]}" --input "$OUT/sectors.csv" --train-per sector --run sectors)
# each run's part files as one forecast file; the whole table's rows against the command line's
python3 - "$OUT" <<'EOF'
import csv, glob, sys
out = sys.argv[1]
cols = ['unique_id', 'ds', 'forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95']
for run in ('whole', 'sectors'):
    rows = [r for f in sorted(glob.glob('%s/spark/run=%s/*.csv' % (out, run))) for r in csv.DictReader(open(f))]
    rows.sort(key=lambda r: (r['unique_id'], int(r['ds'])))
    with open('%s/%s.csv' % (out, run), 'w') as w:
        w.write(','.join(cols) + '\n')
        for r in rows:
            w.write(','.join(r[c] for c in cols) + '\n')
    if run == 'whole':
        spark = {(r['unique_id'], r['ds']): r for r in rows}
        worst, labels = 0.0, 0
        for r in csv.DictReader(open(out + '/cli.csv')):
            s = spark[(r['unique_id'], r['ds'])]
            labels += r['model'] != s['model']
            for c in cols[2:]:
                a, b = float(r[c]), float(s[c])
                if a != b:
                    worst = max(worst, abs(a - b) / max(abs(a), abs(b)))
        print('whole table against recur forecast: %d rows, largest relative difference %.2g, %d labels differ'
              % (len(rows), worst, labels))
EOF
score() { "$ROOT/recur" evaluate --actuals "$DATA/monthly-test.csv" --forecasts "$1" --history "$DATA/monthly-train.csv" --season 12 | sed -n '2,3p;5,6p' | tr '\n' ' '; echo; }
echo "recur forecast (id order): $cli s; $(score "$OUT/cli.csv")"
echo "Spark, one group:          $whole s; $(score "$OUT/whole.csv")"
echo "Spark, per sector:         $groups s; $(score "$OUT/sectors.csv")"
