#!/usr/bin/env bash
# Events per second the event timeline stores through the server's batched writer, on SQLite and on a
# private PostgreSQL with durable settings, plus the commit time of single events.
# Needs the PostgreSQL server binaries (./calamari test installs them).
# Usage: bench/events.sh [burst events] [single events]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" io.calamari.server.event.EventStoreBenchmark "${1:-200000}" "${2:-500}"
