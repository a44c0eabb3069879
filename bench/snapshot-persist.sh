#!/usr/bin/env bash
# Times storing a whole cluster snapshot in SQLite (compressed JSON, one transaction) and loading it
# back, for the recorded clusters and one grown to many OSDs. Usage: bench/snapshot-persist.sh [rounds] [osds]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" io.calamari.server.cluster.SnapshotPersistenceBenchmark "${1:-20}" "${2:-10000}"
