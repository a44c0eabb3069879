#!/usr/bin/env bash
# Carbon plaintext ingest through loopback into a sink that only counts: points/s and CPU-seconds per
# million points (listener thread alone, whole process including the senders), for plaintext, for
# pickle frames of 1,000 points, and for the plaintext decoder without sockets. Ceph-like names,
# each series once per 10-second step.
# Usage: bench/carbon-ingest.sh [series steps connections] (default 100000 100 4)
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx2g} exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" \
  io.calamari.server.metrics.CarbonIngestBenchmark "$@"
