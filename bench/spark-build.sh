# Sourced by the Spark benchmarks (bench/spark.sh, bench/spark-ensemble.sh) once ROOT and OUT are set: builds the
# command line and the shaded job jar, writes Spark's jars from the local Maven repository as a classpath to
# $OUT/spark.cp (what spark-submit would add), and sets JOB (the job jar) and OPENS (the --add-opens flags Spark
# needs on Java 17, from the root pom's spark.opens).
mvn -q -B -DskipTests install -pl spark -am -f "$ROOT/pom.xml" >&2
JOB=$(ls "$ROOT"/spark/target/recur-spark-*-job.jar)
mvn -q -B dependency:build-classpath -pl spark -Dmdep.includeScope=provided -Dmdep.outputFile="$OUT/spark.cp" -f "$ROOT/pom.xml" >&2
OPENS=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$ROOT/pom.xml")
"$ROOT/recur" --version >/dev/null 2>&1
