#!/usr/bin/env bash
# Times storing a whole cluster snapshot in SQLite (compressed JSON, one transaction) and loading it
# back, for the recorded clusters and one grown to many OSDs. Usage: bench/snapshot-persist.sh [rounds] [osds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-server -am >/dev/null
classpath_file=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl calamari-server -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" \
  io.calamari.server.cluster.SnapshotPersistenceBenchmark "${1:-20}" "${2:-10000}" 2>/dev/null
rm -f "$classpath_file"
