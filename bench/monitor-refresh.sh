#!/usr/bin/env bash
# Times the cluster monitor's rounds (first, after an OSD-map change, after an OSD failure) against
# an in-process simulated cluster, split into the cluster's answering time and the server's own.
# Usage: bench/monitor-refresh.sh [hosts osdsPerHost pools placementGroups] (default 1000 10 8 1000000)
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx4g} exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" \
  io.calamari.server.cluster.MonitorRefreshBenchmark "$@"
