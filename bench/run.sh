#!/usr/bin/env bash
# Measures ingest throughput: starts a fresh local stack in its own JVM on ports of its own (18080-18083, Kafka 19092,
# PostgreSQL 15433), runs the load generator against it in a second JVM, prints a Markdown table, stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh

./mvnw -B -q -ntp -DskipTests install

DATA=bench/target/bench-stack
LOG=bench/target/bench-stack.log
mkdir -p bench/target
API_PORT=18080 INGEST_PORT=18081 DISPATCHER_PORT=18082 SCHEDULER_PORT=18083 KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 \
POSTGRES_PORT=15433 LOCAL_API_KEY=pm_bench_key PENGUIN_INGEST_RATE_LIMIT=100000000 \
  "$JAVA" $JAVA_FLAGS -jar local-stack/target/local-stack.jar --clean --data-dir="$DATA" > "$LOG" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "local stack is up" "$LOG" && break
  kill -0 $STACK 2>/dev/null || { echo "the local stack did not start; see $LOG" >&2; exit 1; }
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); java: $("$JAVA" -version 2>&1 | head -n 1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
"$JAVA" -jar bench/target/bench.jar --bootstrap=127.0.0.1:19092 --ingest=http://localhost:18081 --api-key=pm_bench_key "$@"
