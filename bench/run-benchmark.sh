#!/usr/bin/env bash
# Builds a module (the server unless BENCH_MODULE names another) with its test classes (no tests
# run) and runs one benchmark class from them:
#   bench/run-benchmark.sh io.calamari.server.event.EventStoreBenchmark [arguments...]
# The other bench scripts call it; stderr (logging) is dropped unless BENCH_LOG=1; BENCH_JAVA_OPTS
# are passed to java (e.g. -Xmx2g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
main_class=$1
shift
module=${BENCH_MODULE:-calamari-server}
read -r -a java_options <<< "${BENCH_JAVA_OPTS:-}"
./mvnw -q -B -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl "$module" -am >/dev/null
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -q -B dependency:build-classpath -pl "$module" -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
if [ "${BENCH_LOG:-0}" = 1 ]; then
  java "${java_options[@]}" -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" "$main_class" "$@"
else
  java "${java_options[@]}" -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" "$main_class" "$@" 2>/dev/null
fi
