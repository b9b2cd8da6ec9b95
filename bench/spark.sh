#!/usr/bin/env bash
# Scale benchmark: the same series and model through the single-JVM command line and through the Spark job in
# local[2] (both on this machine's cores), side by side; series per second, wall seconds and peak memory (max
# RSS, from GNU time). Two models: a saved network (recur train on the first 2,000 series; scored by
# `recur predict` and `ForecastJob --model-file`) and Theta per series with the pooled conformal intervals
# (`recur forecast --model theta` and `ForecastJob --model theta`). Then the command line alone at 10k, 50k and
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
mvn -q -B -DskipTests install >&2
JOB=$(ls "$ROOT"/spark/target/recur-spark-*-job.jar)
mvn -q -B dependency:build-classpath -pl spark -Dmdep.includeScope=provided -Dmdep.outputFile="$OUT/spark.cp" >&2
OPENS=$(mvn -q -B help:evaluate -pl spark -Dexpression=spark.opens -DforceStdout)
"$ROOT/recur" --version >/dev/null 2>&1

data() { [[ -f "$OUT/series-$1.csv" ]] || python3 "$ROOT/bench/make-series.py" "$1" "$OUT/series-$1.csv"; echo "$OUT/series-$1.csv"; }
# measure NAME CMD...: wall seconds and max RSS (MB) of a command, appended to $OUT/runs.tsv
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > "$OUT/$name.log" 2>&1 || { echo "$name failed: $(tail -n 3 "$OUT/$name.log")" >&2; return 1; }
  read -r secs kb < "$OUT/time.txt"
  printf "%s\t%s\t%d\n" "$name" "$secs" $(( kb / 1024 )) | tee -a "$OUT/runs.tsv" >&2
}
spark_job() {
  rm -rf "$OUT/spark-out"
  java --add-modules jdk.incubator.vector $OPENS -Xmx6g -cp "$JOB:$(cat "$OUT/spark.cp")" dev.recur.spark.ForecastJob \
    --master 'local[2]' --output "$OUT/spark-out" --run bench "$@"
}
: > "$OUT/runs.tsv"
FILE=$(data "$N")
head -n 1 "$FILE" > "$OUT/train.csv"
awk -F, 'NR > 1 && $1 < "S002000"' "$FILE" >> "$OUT/train.csv"
[[ -f "$OUT/m.recur" ]] || "$ROOT/recur" train "$OUT/train.csv" --horizon 18 --model gru --hidden 32 --layers 1 \
  --ensemble 1 --epochs 5 --save "$OUT/m.recur" --quiet

RECUR_JAVA_OPTS="-Xmx6g" measure cli-predict "$ROOT/recur" predict "$FILE" --model-file "$OUT/m.recur" --output "$OUT/cli-predict.csv" --quiet
measure spark-predict spark_job --input "$FILE" --model-file "$OUT/m.recur"
RECUR_JAVA_OPTS="-Xmx6g" measure cli-theta "$ROOT/recur" forecast "$FILE" --horizon 18 --model theta --output "$OUT/cli-theta.csv" --quiet
measure spark-theta spark_job --input "$FILE" --horizon 18 --model theta
for k in 10000 50000; do
  (( k < N )) || continue
  F=$(data "$k")
  RECUR_JAVA_OPTS="-Xmx6g" measure "cli-predict-$k" "$ROOT/recur" predict "$F" --model-file "$OUT/m.recur" --output "$OUT/p.csv" --quiet
  RECUR_JAVA_OPTS="-Xmx6g" measure "cli-theta-$k" "$ROOT/recur" forecast "$F" --horizon 18 --model theta --output "$OUT/t.csv" --quiet
done

echo
echo "$N series, $(($(wc -l < "$FILE") - 1)) rows; 2 cores ($(nproc) here)"
echo
echo "| model | command line: s / series per s / MB | Spark local[2]: s / series per s / MB | Spark / CLI time |"
echo "|---|---|---|---|"
for m in predict theta; do
  read -r _ cs cm < <(grep "^cli-$m	" "$OUT/runs.tsv")
  read -r _ ss sm < <(grep "^spark-$m	" "$OUT/runs.tsv")
  awk -v m="$m" -v n="$N" -v cs="$cs" -v cm="$cm" -v ss="$ss" -v sm="$sm" 'BEGIN {
    printf "| %s | %.1f / %.0f / %d | %.1f / %.0f / %d | %.2f |\n", m, cs, n / cs, cm, ss, n / ss, sm, ss / cs }'
done
echo
echo "Command line alone, by size (seconds and MB per run; seconds per 10k series):"
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
