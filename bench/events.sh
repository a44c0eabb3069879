#!/usr/bin/env bash
# Events per second the event timeline stores through the server's batched writer, on SQLite and on a
# private PostgreSQL with durable settings, plus the commit time of single events.
# Needs the PostgreSQL server binaries (./calamari test installs them).
# Usage: bench/events.sh [burst events] [single events]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-server -am >/dev/null
classpath_file=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl calamari-server -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
java -cp "calamari-server/target/test-classes:calamari-server/target/classes:$(cat "$classpath_file")" \
  io.calamari.server.event.EventStoreBenchmark "${1:-200000}" "${2:-500}" 2>/dev/null
rm -f "$classpath_file"
