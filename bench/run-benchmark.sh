#!/usr/bin/env bash
# Builds the server with its test classes (no tests run) and runs one benchmark class from them:
#   bench/run-benchmark.sh io.calamari.server.event.EventStoreBenchmark [arguments...]
# The other bench scripts call it; stderr (logging) is dropped unless BENCH_LOG=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
main_class=$1
shift
./mvnw -q -B -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-server -am >/dev/null
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -q -B dependency:build-classpath -pl calamari-server -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
if [ "${BENCH_LOG:-0}" = 1 ]; then
  java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" "$main_class" "$@"
else
  java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" "$main_class" "$@" 2>/dev/null
fi
