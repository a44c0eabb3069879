#!/usr/bin/env bash
# Measures the server's CPU and memory while it watches one cluster: starts the release build with
# --ceph-conf CONF, lets it run for SECONDS (default 600), prints CPU seconds used after start-up,
# CPU per minute, and RSS at the end. Usage: bench/watch-cluster.sh CONF [SECONDS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conf=$1
seconds=${2:-600}
port=18766
launcher=$(ls "$root"/calamari-dist/target/calamari-*/calamari-*/bin/calamari | head -n 1)
data=$(mktemp -d)
trap 'pkill -f "http-port $port" 2>/dev/null || true; rm -rf "$data"' EXIT

"$launcher" server --data-dir "$data" --http-port "$port" --ceph-conf "$conf" >"$data/server.log" 2>&1 &
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.2; done
sleep 20
pid=$(pgrep -f "http-port $port" | head -n 1)
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
start=$(cpu)
sleep "$seconds"
used=$(( $(cpu) - start ))
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
printf 'watched %s for %d s after warm-up\n' "$conf" "$seconds"
awk -v used="$used" -v ticks="$ticks" -v seconds="$seconds" 'BEGIN {
  printf "CPU used: %.2f s (%.3f s per minute, %.2f%% of one core)\n",
    used / ticks, used / ticks / (seconds / 60), 100 * used / ticks / seconds }'
printf 'RSS at the end: %d MiB\n' $((rss_kb / 1024))
printf 'warnings and errors logged: %s\n' "$(grep -cE ' (WARN|ERROR) ' "$data/server.log" || true)"
