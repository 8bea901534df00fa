# Sourced by the bench scripts. start_stack NAME [VAR=value ...] starts a fresh local stack from
# local-stack/target/local-stack.jar in its own JVM, with the given environment (ports, limits) and $STACK_JAVA_OPTS,
# data in bench/target/NAME and its log in bench/target/NAME.log; waits until it is up, and stops it when the script
# exits. machine_line prints the machine, the Java and the date, for the figures in docs/benchmarks.md.
start_stack() {
  local name=$1
  shift
  DATA=bench/target/$name
  LOG=bench/target/$name.log
  mkdir -p bench/target
  env "$@" "$JAVA" $JAVA_FLAGS ${STACK_JAVA_OPTS:-} -jar local-stack/target/local-stack.jar --clean --data-dir="$DATA" > "$LOG" 2>&1 &
  STACK=$!
  trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    grep -q "local stack is up" "$LOG" && break
    kill -0 $STACK 2>/dev/null || { echo "the local stack did not start; see $LOG" >&2; exit 1; }
    sleep 1
  done
  grep -q "local stack is up" "$LOG" || { echo "the local stack did not start within 120 s; see $LOG" >&2; exit 1; }
}

machine_line() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); java: $("$JAVA" -version 2>&1 | head -n 1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
}
