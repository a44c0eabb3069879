#!/usr/bin/env bash
# Latency of management requests (flag set, OSD out, pool create) from POST to completion, next to
# Ceph's own time for the same change, on a private lab cluster started for the run.
# Needs the Ceph daemons (./calamari test installs them). Usage: bench/requests.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-server -am >/dev/null
classpath_file=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl calamari-server -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" \
  io.calamari.server.request.RequestLatencyBenchmark "${1:-10}" 2>/dev/null
rm -f "$classpath_file"
