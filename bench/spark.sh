#!/usr/bin/env bash
# Scale benchmark: the same series and model through the single-JVM command line and through the Spark job in
# local[2] (both on this machine's cores), side by side; series per second, wall seconds and peak memory (max
# RSS, from GNU time). Two models: a saved network (recur train on the first 2,000 series; scored by
# `recur predict` and `ForecastJob --model-file`) and Theta per series with the pooled conformal intervals
# (`recur forecast --model theta` and `ForecastJob --model theta`). Spark reads the same CSV, and the same
# data as Parquet (converted once by bench/CsvToParquet.java), the format a cluster would hold it in. Then the command line alone at 10k, 50k and
# 100k series, to show how its cost grows. The Spark job runs from the shaded job jar with Spark's jars from
# the local Maven repository on the classpath (what spark-submit would add).
#
#   bench/spark.sh              # 100,000 series
#   SERIES=20000 bench/spark.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/target/spark-bench}"
N="${SERIES:-100000}"
mkdir -p "$OUT"
cd "$ROOT"
source "$ROOT/bench/spark-build.sh"

data() { [[ -f "$OUT/series-$1.csv" ]] || python3 "$ROOT/bench/make-series.py" "$1" "$OUT/series-$1.csv"; echo "$OUT/series-$1.csv"; }
# measure NAME CMD...: wall seconds and max RSS (MB) of a command, appended to $OUT/runs.tsv. Both sides get a
# 3 GB heap (-Xmx3g).
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > "$OUT/$name.log" 2>&1 || { echo "$name failed: $(tail -n 3 "$OUT/$name.log")" >&2; return 1; }
  read -r secs kb < "$OUT/time.txt"
  printf "%s\t%s\t%d\n" "$name" "$secs" $(( kb / 1024 )) | tee -a "$OUT/runs.tsv" >&2
}
SPARK=(java --add-modules jdk.incubator.vector $OPENS -Xmx3g -cp "$JOB:$(cat "$OUT/spark.cp")" dev.recur.spark.ForecastJob
  --master 'local[2]' --output "$OUT/spark-out")
rm -rf "$OUT/spark-out"
export RECUR_JAVA_OPTS="-Xmx3g"
: > "$OUT/runs.tsv"
FILE=$(data "$N")
head -n 1 "$FILE" > "$OUT/train.csv"
awk -F, 'NR > 1 && $1 < "S002000"' "$FILE" >> "$OUT/train.csv"
[[ -f "$OUT/m.recur" ]] || "$ROOT/recur" train "$OUT/train.csv" --horizon 12 --model gru --hidden 32 --layers 1 \
  --ensemble 1 --epochs 5 --save "$OUT/m.recur" --quiet

measure cli-predict "$ROOT/recur" predict "$FILE" --model-file "$OUT/m.recur" --output "$OUT/cli-predict.csv" --quiet
measure spark-predict "${SPARK[@]}" --run predict --input "$FILE" --model-file "$OUT/m.recur"
PARQUET="$OUT/series-$N.parquet"
[[ -d "$PARQUET" ]] || java $OPENS -cp "$JOB:$(cat "$OUT/spark.cp")" "$ROOT/bench/CsvToParquet.java" "$FILE" "$PARQUET" 2>/dev/null
measure spark-predict-parquet "${SPARK[@]}" --run predict-parquet --input "$PARQUET" --model-file "$OUT/m.recur"
measure cli-theta "$ROOT/recur" forecast "$FILE" --horizon 12 --model theta --output "$OUT/cli-theta.csv" --quiet
measure spark-theta "${SPARK[@]}" --run theta --input "$FILE" --horizon 12 --model theta
measure spark-theta-parquet "${SPARK[@]}" --run theta-parquet --input "$PARQUET" --horizon 12 --model theta
# the same 100k series in a 1 GB heap: the command line's memory is bounded by the data, not by the heap it is given
RECUR_JAVA_OPTS="-Xmx1g" measure cli-predict-1g "$ROOT/recur" predict "$FILE" --model-file "$OUT/m.recur" --output "$OUT/p1g.csv" --quiet
RECUR_JAVA_OPTS="-Xmx1g" measure cli-theta-1g "$ROOT/recur" forecast "$FILE" --horizon 12 --model theta --output "$OUT/t1g.csv" --quiet
for k in 10000 50000; do
  (( k < N )) || continue
  F=$(data "$k")
  measure "cli-predict-$k" "$ROOT/recur" predict "$F" --model-file "$OUT/m.recur" --output "$OUT/p.csv" --quiet
  measure "cli-theta-$k" "$ROOT/recur" forecast "$F" --horizon 12 --model theta --output "$OUT/t.csv" --quiet
done

echo
echo "$N series, $(($(wc -l < "$FILE") - 1)) rows; 2 cores ($(nproc) here)"
echo
echo "| model | command line, CSV in: s / series per s / MB | Spark local[2], CSV in | Spark / CLI time | Spark local[2], Parquet in | Spark / CLI time |"
echo "|---|---|---|---|---|---|"
for m in predict theta; do
  read -r _ cs cm < <(grep "^cli-$m	" "$OUT/runs.tsv")
  read -r _ ss sm < <(grep "^spark-$m	" "$OUT/runs.tsv")
  read -r _ ps pm < <(grep "^spark-$m-parquet	" "$OUT/runs.tsv")
  awk -v m="$m" -v n="$N" -v cs="$cs" -v cm="$cm" -v ss="$ss" -v sm="$sm" -v ps="$ps" -v pm="$pm" 'BEGIN {
    printf "| %s | %.1f / %.0f / %d | %.1f / %.0f / %d | %.2f | %.1f / %.0f / %d | %.2f |\n", m, cs, n / cs, cm, ss, n / ss, sm,
      ss / cs, ps, n / ps, pm, ps / cs }'
done
echo
echo "In a 1 GB heap (-Xmx1g): $(awk -F'\t' '$1 ~ /-1g$/ { printf "%s %.1f s, %d MB; ", $1, $2, $3 }' "$OUT/runs.tsv")"
echo
echo "Command line alone, by size (3 GB heap; seconds and MB per run; seconds per 10k series):"
echo
echo "| series | predict s | predict MB | predict s per 10k | theta s | theta MB | theta s per 10k |"
echo "|---|---|---|---|---|---|---|"
for k in 10000 50000 "$N"; do
  suffix="-$k"; [[ "$k" == "$N" ]] && suffix=""
  grep -q "^cli-predict$suffix	" "$OUT/runs.tsv" || continue
  read -r _ ps pm < <(grep "^cli-predict$suffix	" "$OUT/runs.tsv")
  read -r _ ts tm < <(grep "^cli-theta$suffix	" "$OUT/runs.tsv")
  awk -v k="$k" -v ps="$ps" -v pm="$pm" -v ts="$ts" -v tm="$tm" 'BEGIN {
    printf "| %d | %.1f | %d | %.2f | %.1f | %d | %.2f |\n", k, ps, pm, ps * 10000 / k, ts, tm, ts * 10000 / k }'
done
