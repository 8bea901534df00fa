#!/usr/bin/env bash
# Measures the retry scheduler under a million pending retries: starts a fresh local stack with only Kafka and the
# retry scheduler (no PostgreSQL, no other service) on ports of its own (Kafka 39092/39093, scheduler 38083), runs the
# scheduler bench against it in a second JVM, prints the machine line and Markdown tables, stops the stack.
# Usage: bench/scheduler.sh [--no-build] [--records=1000000] [--webhooks=1000] [--due-from=90] [--due-to=150]
# (--no-build runs the jars already in */target; the other arguments go to the bench.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh

BUILD=1
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then BUILD=0; else ARGS+=("$arg"); fi
done
if [ "$BUILD" = 1 ]; then
  ./mvnw -B -q -ntp -DskipTests install
fi

DATA=bench/target/scheduler-stack
LOG=bench/target/scheduler-stack.log
mkdir -p bench/target
# The broker and the scheduler share this JVM. Its heap is capped at Kafka's own default (1 GiB), well under the
# ~1 GB of payload the bench leaves pending: the scheduler must not hold it.
SCHEDULER_PORT=38083 KAFKA_PORT=39092 KAFKA_CONTROLLER_PORT=39093 LOCAL_SERVICES=retry-scheduler \
  "$JAVA" $JAVA_FLAGS -Xmx1g ${STACK_JAVA_OPTS:-} -jar local-stack/target/local-stack.jar --clean --data-dir="$DATA" > "$LOG" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "local stack is up" "$LOG" && break
  kill -0 $STACK 2>/dev/null || { echo "the local stack did not start; see $LOG" >&2; exit 1; }
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); java: $("$JAVA" -version 2>&1 | head -n 1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
"$JAVA" -Xmx512m -cp bench/target/bench.jar -Dloader.main=com.penguinmails.webhooks.bench.SchedulerBench \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --bootstrap=127.0.0.1:39092 --scheduler=http://localhost:38083 --stack-pid=$STACK --metrics-out=bench/target/scheduler-metrics.txt ${ARGS[@]+"${ARGS[@]}"}
