#!/usr/bin/env bash
# Times building a cluster snapshot from the recorded Ceph JSON (parse + reduce + indexes).
# Usage: bench/snapshot-build.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-server -am >/dev/null
classpath_file=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl calamari-server -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" \
  io.calamari.server.cluster.SnapshotBuildBenchmark "${1:-2000}"
rm -f "$classpath_file"
