#!/usr/bin/env bash
# Images/s of the Spark job in local[1] and local[2] against `./colorize predict` on one JVM, same inputs, same model,
# same batch. Wall times include each command's JVM start and model load (and Spark's start); the Spark job's own
# time (planning to committed manifest) is printed beside it. Results: docs/BENCHMARKS.md, section "Spark".
#
#   bench/spark-vs-predict.sh RUN_DIR [INPUT_DIR] [REPEATS]
#   e.g. bench/spark-vs-predict.sh runs/l200-128 ../shared/data/landscape-200/gray 2
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="$(cd "$1" && pwd)"
IN="$(cd "${2:-$ROOT/../shared/data/landscape-200/gray}" && pwd)"
REPEATS="${3:-2}"
BATCH=8
WORK="$(mktemp -d /tmp/colorizer-spark-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
N=$(find "$IN" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.bmp' -o -iname '*.gif' \
      -o -iname '*.webp' \) | wc -l)
"$ROOT/colorize" --version >/dev/null        # builds the CLI jar if needed (not timed)
"$ROOT/colorize" spark --version >/dev/null  # builds the Spark job jar if needed (not timed)
# The launcher and its jars run from a snapshot, so that sources edited meanwhile never trigger a rebuild inside a
# timed run: the same script and jars, with every "source" older than the jars.
SNAP="$WORK/snapshot"
LOG4J=colorizer-spark/src/main/resources/dev/colorizer/spark/log4j2-local.properties
mkdir -p "$SNAP"/colorizer-{core,cli}/src/main "$SNAP"/colorizer-{cli,spark}/target "$(dirname "$SNAP/$LOG4J")"
cp "$ROOT/colorize" "$SNAP/"
cp "$ROOT/$LOG4J" "$SNAP/$LOG4J"
touch "$SNAP"/pom.xml "$SNAP"/colorizer-{core,cli,spark}/pom.xml
find "$SNAP" -exec touch -d '2000-01-01' {} +
cp "$ROOT/colorizer-cli/target/colorize.jar" "$SNAP/colorizer-cli/target/"
cp "$ROOT"/colorizer-spark/target/{colorizer-spark.jar,spark-classpath.txt} "$SNAP/colorizer-spark/target/"
C="$SNAP/colorize"
echo "inputs: $IN ($N pictures); model: $MODEL; batch $BATCH; $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # label, command...: prints the wall time and images/s; a label with "re-run" keeps the earlier output
  local label="$1"; shift
  [[ "$label" == *re-run* ]] || rm -rf "$WORK/out"
  local start end
  start=$(date +%s%N)
  "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }
  if grep -q "building" "$WORK/log"; then echo "a build ran inside the timed run: see $WORK/log" >&2; exit 1; fi
  end=$(date +%s%N)
  local job
  job=$(grep -o 'pictures in [0-9.]* s' "$WORK/log" | grep -o '[0-9.]*' || true)
  python3 -c "import sys; n=$N; w=($end-$start)/1e9; j='$job'
print(f'{sys.argv[1]:<22} wall {w:6.1f} s  {n/w:5.2f} images/s' + (f'   job {float(j):6.1f} s  {n/float(j):5.2f} images/s' if j else ''))" "$label"
}

for r in $(seq "$REPEATS"); do
  run "predict (1 JVM)" "$C" predict "$IN" --model "$MODEL" --out "$WORK/out" --batch "$BATCH"
  run "spark local[1]" "$C" spark --master 'local[1]' --input "$IN" --output "$WORK/out" --model "$MODEL" --batch "$BATCH"
  run "spark local[2]" "$C" spark --master 'local[2]' --input "$IN" --output "$WORK/out" --model "$MODEL" --batch "$BATCH"
  run "  re-run, all done" "$C" spark --master 'local[2]' --input "$IN" --output "$WORK/out" --model "$MODEL" --batch "$BATCH"
done
