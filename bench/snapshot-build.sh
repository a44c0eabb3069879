#!/usr/bin/env bash
# Times building a cluster snapshot from the recorded Ceph JSON (parse + reduce + indexes).
# Usage: bench/snapshot-build.sh [rounds]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" io.calamari.server.cluster.SnapshotBuildBenchmark "${1:-2000}"
