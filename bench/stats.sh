#!/usr/bin/env bash
# Measures the stats endpoints with 10 million deliveries stored: starts a fresh local stack with management-api only
# (Kafka, PostgreSQL, management-api) on ports of its own (API 48080, Kafka 49092/49093, PostgreSQL 45433), fills the
# rollups and the delivery log in PostgreSQL from the bench JVM (StatsBench), times both endpoints, stops the stack.
# Usage: bench/stats.sh [--no-build] [--deliveries=10000000] [--log-rows=10000000] [--days=30] [--webhooks=10]
#        [--other-webhooks=90] [--runs=200]   (--no-build runs the jars already in */target)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
source bench/stack.sh

BUILD=1
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then BUILD=0; else ARGS+=("$arg"); fi
done
if [ "$BUILD" = 1 ]; then
  rm -f local-stack/target/local-stack.jar bench/target/bench.jar
  ./mvnw -B -q -ntp -DskipTests package -pl local-stack,bench -am
fi

start_stack stats-stack LOCAL_SERVICES=management-api API_PORT=48080 KAFKA_PORT=49092 KAFKA_CONTROLLER_PORT=49093 \
  POSTGRES_PORT=45433 LOCAL_API_KEY=pm_bench_key

machine_line
"$JAVA" $JAVA_FLAGS -Xmx512m -jar bench/target/bench.jar stats --api=http://localhost:48080 --api-key=pm_bench_key \
  --jdbc=jdbc:postgresql://127.0.0.1:45433/postgres ${ARGS[@]+"${ARGS[@]}"}
