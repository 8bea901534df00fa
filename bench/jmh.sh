#!/usr/bin/env bash
# The JMH suite of the per-delivery hot paths (HotPathBenchmarks: signing, filter matching, envelope JSON), forked
# from the bench module's Maven class path. Arguments go to JMH, e.g. bench/jmh.sh -wi 1 -i 2 (quick) or
# bench/jmh.sh 'match.*'; with none, the annotated defaults (1 fork, 3 warm-up and 5 measured iterations of 2 s).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -pl bench -am install -DskipTests
./mvnw -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath > /dev/null
"$JAVA" -cp "bench/target/classes:$(cat bench/target/jmh.classpath)" org.openjdk.jmh.Main HotPathBenchmarks "$@"
