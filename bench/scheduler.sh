#!/usr/bin/env bash
# Measures the retry scheduler under a million pending retries: starts a fresh local stack with only Kafka and the
# retry scheduler (no PostgreSQL, no other service) on ports of its own (Kafka 39092/39093, scheduler 38083), runs the
# scheduler bench against it in a second JVM, prints the machine line and Markdown tables, stops the stack.
# Usage: bench/scheduler.sh [--no-build] [--records=1000000] [--webhooks=1000] [--due-from=90] [--due-to=150]
# (--no-build runs the jars already in */target; the other arguments go to the bench.)
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
  # the fat jars are not rebuilt when only a dependency changed (the jar plugin finds them newer than their own
  # classes, and Spring Boot does not repackage a repackaged jar): remove them first
  rm -f local-stack/target/local-stack.jar bench/target/bench.jar
  ./mvnw -B -q -ntp -DskipTests package -pl local-stack,bench -am
fi

# The broker and the scheduler share this JVM. Its heap is capped at Kafka's own default (1 GiB), well under the
# ~1 GB of payload the bench leaves pending: the scheduler must not hold it.
STACK_JAVA_OPTS="-Xmx1g ${STACK_JAVA_OPTS:-}" start_stack scheduler-stack \
  SCHEDULER_PORT=38083 KAFKA_PORT=39092 KAFKA_CONTROLLER_PORT=39093 LOCAL_SERVICES=retry-scheduler

machine_line
"$JAVA" -Xmx512m -cp bench/target/bench.jar -Dloader.main=com.penguinmails.webhooks.bench.SchedulerBench \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --bootstrap=127.0.0.1:39092 --scheduler=http://localhost:38083 --stack-pid=$STACK --metrics-out=bench/target/scheduler-metrics.txt ${ARGS[@]+"${ARGS[@]}"}
