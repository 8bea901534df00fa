#!/usr/bin/env bash
# The benchmark suite (issue #11) in one command: builds, starts a fresh local stack without its own dispatcher (Kafka,
# PostgreSQL, management-api, event-ingest, retry-scheduler in one JVM; ports 48080-48083, Kafka 49092, PostgreSQL
# 45433; receivers 27090-27094 and dispatchers 27082-27084, below Linux's ephemeral range), runs SuiteBench (bench.jar suite) in a second JVM, which starts the dispatcher(s) from
# dispatcher/target/dispatcher-*-exec.jar as processes of their own, runs the scenarios and writes
# bench/results/<UTC date>/report.md with PNG charts. Then the JMH suite (bench/jmh.sh), and scenario 8: the retry
# scheduler with 1,000,000 pending retries due at 5,000/s (bench/scheduler.sh) and the stats endpoints over 10,000,000
# stored deliveries (bench/stats.sh), into the same folder (jmh.txt, scheduler.md, stats.md).
#   bench/suite.sh                               # everything, 60 s measured per scenario (about 25 minutes)
#   bench/suite.sh --seconds=10 --warmup=5       # shorter
#   bench/suite.sh --scenarios=ceiling,latency   # some: ceiling,throughput,latency,isolation,fanout,scaleout,memory
#   bench/suite.sh --receiver-delay-ms=50 --receiver-failure-rate=0.05   # slower receivers, 5 % answered 500
# Options go to SuiteBench; --no-build, --no-suite (skip SuiteBench), --no-jmh and --no-history are the script's own. SUITE_STACK_ENV adds environment variables
# to the stack, e.g. SUITE_STACK_ENV=SPRING_KAFKA_STREAMS_PROPERTIES_COMMIT_INTERVAL_MS=50 (ingest's commit interval).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
source bench/stack.sh

BUILD=yes
SUITE=yes
JMH=yes
HISTORY=yes
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=no ;;
    --no-suite) SUITE=no ;;
    --no-jmh) JMH=no ;;
    --no-history) HISTORY=no ;;
    *) ARGS+=("$arg") ;;
  esac
done
if [ "$BUILD" = yes ]; then
  ./mvnw -B -q -ntp -DskipTests install
fi
OUT=bench/results/$(date -u +%Y-%m-%d)${SUITE_RESULTS_SUFFIX:-}
mkdir -p "$OUT"

if [ "$SUITE" = yes ]; then
# the health policy would disable the isolation scenario's dead webhook after 100 failed attempts; it is not measured
start_stack suite-stack LOCAL_SERVICES=management-api,event-ingest,retry-scheduler API_PORT=48080 INGEST_PORT=48081 \
  DISPATCHER_PORT=48082 SCHEDULER_PORT=48083 KAFKA_PORT=49092 KAFKA_CONTROLLER_PORT=49093 POSTGRES_PORT=45433 \
  LOCAL_API_KEY=pm_bench_key PENGUIN_MANAGEMENT_HEALTH_DISABLEAFTERATTEMPTS=1000000000 ${SUITE_STACK_ENV:-}
KEY="$(sed -n 's/^secret-encryption-key=//p' "$DATA/local-stack.properties" | sed 's/\\//g')"
MACHINE="$(machine_line)"
echo "$MACHINE"
"$JAVA" $JAVA_FLAGS -Xms512m -Xmx2g -Djava.awt.headless=true -jar bench/target/bench.jar suite \
  --bootstrap=127.0.0.1:49092 --encryption-key="$KEY" --java="$JAVA" \
  --dispatcher-jar="$(ls dispatcher/target/dispatcher-*-exec.jar)" --out="$OUT" --machine="$MACHINE" \
  --args="${ARGS[*]:-}" "${ARGS[@]}"
kill "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null || true
fi
if [ "$JMH" = yes ]; then
  bench/jmh.sh -rf text -rff "$OUT/jmh.txt" > /dev/null
fi
if [ "$HISTORY" = yes ]; then
  # their stacks use ports of their own, but stats.sh shares the suite stack's: the suite stack is stopped by now
  bench/scheduler.sh --no-build --due-from=90 --due-to=290 2>&1 | tee "$OUT/scheduler.md"
  bench/stats.sh --no-build 2>&1 | tee "$OUT/stats.md"
fi
echo "report: $OUT/report.md"
