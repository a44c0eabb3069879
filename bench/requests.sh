#!/usr/bin/env bash
# Latency of management requests (flag set, OSD out, pool create) from POST to completion, next to
# Ceph's own time for the same change, on a private lab cluster started for the run.
# Needs the Ceph daemons (./calamari test installs them). Usage: bench/requests.sh [rounds]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" io.calamari.server.request.RequestLatencyBenchmark "${1:-10}"
