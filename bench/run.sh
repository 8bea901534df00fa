#!/usr/bin/env bash
# Measures ingest throughput: starts a fresh local stack in its own JVM on ports of its own (18080-18083, Kafka 19092,
# PostgreSQL 15433), runs the load generator against it in a second JVM, prints a Markdown table, stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
source bench/stack.sh

./mvnw -B -q -ntp -DskipTests install

start_stack bench-stack API_PORT=18080 INGEST_PORT=18081 DISPATCHER_PORT=18082 SCHEDULER_PORT=18083 KAFKA_PORT=19092 \
  KAFKA_CONTROLLER_PORT=19093 POSTGRES_PORT=15433 LOCAL_API_KEY=pm_bench_key PENGUIN_INGEST_RATE_LIMIT=100000000

machine_line
"$JAVA" -jar bench/target/bench.jar --bootstrap=127.0.0.1:19092 --ingest=http://localhost:18081 --api-key=pm_bench_key "$@"
