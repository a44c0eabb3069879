#!/usr/bin/env bash
# The simulator at scale: build time, heap, and the time and size of every monitoring command's
# answer, as a Markdown table. Defaults to 1,000 hosts x 10 OSDs, 8 pools, 1,000,000 PGs:
#   bench/simulator.sh [hosts osdsPerHost pools placementGroups]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
BENCH_MODULE=calamari-simulator BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}" \
  ./run-benchmark.sh io.calamari.simulator.SimulatorBenchmark "$@"
