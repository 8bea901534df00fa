#!/usr/bin/env bash
# Starts the whole system on this machine: a real Kafka broker, a real PostgreSQL, the four services and a demo
# workspace, in one JVM. Builds what is missing first. Arguments go to the stack: --clean resets its data.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/find-java.sh

JAR=local-stack/target/local-stack.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path ./local-stack/target -prune -o -path ./bench -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)" ]; then
  echo "Building the local stack (first run, or sources changed)..."
  ./mvnw -B -q -ntp -DskipTests install
fi

exec "$JAVA" $JAVA_FLAGS -jar "$JAR" "$@"
