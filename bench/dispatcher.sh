#!/usr/bin/env bash
# Measures one dispatcher's throughput: starts a fresh local stack in its own JVM on ports of its own (28080-28083,
# Kafka 29092, PostgreSQL 25433), runs DispatcherBench in a second JVM (receivers on 127.0.0.1:28090-28094), prints
# Markdown tables, stops the stack. Options after --no-build go to the bench (see DispatcherBench.Options), e.g.
#   bench/dispatcher.sh --events=200000 --paced-rate=1500
# --no-build skips the Maven build and uses the jars already in */target.
# --dispatcher-only runs the stack without management-api and PostgreSQL (Kafka, the dispatcher and the retry
# scheduler): the webhooks go straight to webhooks.config, and nobody writes the delivery log, so the 2 cores are
# shared by the broker, the dispatcher and the bench only, as with dispatcher pods of their own in production.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
source bench/stack.sh

BUILD=yes
SERVICES=
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=no; shift ;;
    --dispatcher-only) SERVICES=dispatcher,retry-scheduler; shift ;;
    *) break ;;
  esac
done
if [ "$BUILD" = yes ]; then
  ./mvnw -B -q -ntp -DskipTests install
fi

# Two limits raised, as run.sh raises ingest's rate limit, so that the run measures the dispatcher and not a policy:
# - the hanging webhook must stay enabled for the isolation run: the health policy would disable it after 100 failed
#   attempts in a row (a few seconds in), after which its events are merely recorded as skipped;
# - all the bench's webhooks are in the one workspace the stack's API key can reach, so a per-workspace delivery rate
#   (penguin.dispatcher.rate-limits.plans, where the dispatcher has one; the stack's workspace is on "enterprise")
#   would cap the whole run at that rate.
start_stack dispatcher-stack LOCAL_SERVICES=$SERVICES API_PORT=28080 INGEST_PORT=28081 DISPATCHER_PORT=28082 SCHEDULER_PORT=28083 \
  KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 POSTGRES_PORT=25433 LOCAL_API_KEY=pm_bench_key \
  PENGUIN_MANAGEMENT_HEALTH_DISABLEAFTERATTEMPTS=1000000000 \
  PENGUIN_DISPATCHER_RATELIMITS_PLANS_ENTERPRISE=100000000 PENGUIN_DISPATCHER_RATELIMITS_PLANS_STANDARD=100000000

machine_line
KEY_OPTION=()
if [ -n "$SERVICES" ]; then
  echo "stack: $SERVICES and Kafka only (no management-api, no PostgreSQL)"
  KEY_OPTION=(--encryption-key="$(sed -n 's/^secret-encryption-key=//p' "$DATA/local-stack.properties" | sed 's/\\//g')")
fi
"$JAVA" $JAVA_FLAGS -Xms256m -Xmx1g -jar bench/target/bench.jar dispatcher --bootstrap=127.0.0.1:29092 --api=http://localhost:28080 \
  --api-key=pm_bench_key --receiver-port=28090 "${KEY_OPTION[@]}" "$@"
echo "the dispatcher's own counters at the end (deferred deliveries, hand-offs, circuit):"
curl -s http://localhost:28082/actuator/prometheus | grep -E '^penguin_dispatcher_(deferred|handed_off|circuit|dead)' || true
