#!/usr/bin/env bash
# Starts the whole system on this machine: a real Kafka broker, a real PostgreSQL, the four services and a demo
# workspace, in one JVM. Builds what is missing first. Arguments go to the stack: --clean resets its data.
set -euo pipefail
cd "$(dirname "$0")"

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_java25() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" \
      /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java \
      /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA=$(find_java25); then
  echo "No Java 25 runtime found (looked at JAVA_HOME, the PATH and the usual JDK folders)." >&2
  echo "Install a JDK 25, for example Eclipse Temurin 25 (https://adoptium.net), then run this again" >&2
  echo "or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"

JAR=local-stack/target/local-stack.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path ./local-stack/target -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)" ]; then
  echo "Building the local stack (first run, or sources changed)..."
  ./mvnw -B -q -ntp -DskipTests install
fi

exec "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$JAR" "$@"
