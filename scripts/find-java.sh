# Sourced by run-local.sh and bench/run.sh: sets JAVA to a Java 25+ runtime found through JAVA_HOME, the PATH or the
# usual JDK folders, and JAVA_HOME to its home; says what to install and exits when there is none.
java_major() {
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
JAVA_FLAGS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
