#!/usr/bin/env bash
# Measures the server's start-up time to /readyz and its idle memory, using the release archive's
# launcher exactly as an operator runs it. Prints a table. Usage: bench/startup.sh [runs]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
port=18765
"$root/calamari" build >/dev/null
launcher=$(ls "$root"/calamari-dist/target/calamari-*/calamari-*/bin/calamari | head -n 1)
work=$(mktemp -d)
trap 'pkill -f "http-port $port" 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# Starts the server on DATA_DIR, waits for /readyz, prints milliseconds; leaves it running.
start_and_wait() {
  local data=$1 started
  started=$(now_ms)
  "$launcher" server --data-dir "$data" --http-port "$port" >"$work/server.log" 2>&1 &
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    sleep 0.02
  done
  echo $(($(now_ms) - started))
}

stop() {
  pkill -f "http-port $port" || true
  while pgrep -f "http-port $port" >/dev/null; do sleep 0.1; done
}

fresh=()
warm=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  fresh+=("$(start_and_wait "$work/data")")
  stop
  warm+=("$(start_and_wait "$work/data")")
  if [ "$run" -eq "$runs" ]; then
    sleep 10
    pid=$(pgrep -f "http-port $port" | head -n 1)
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  fi
  stop
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-52s %s\n' "measure ($runs runs, $(nproc) cores, $(java -version 2>&1 | head -n 1))" "result"
printf '%-52s %s ms (runs: %s)\n' "start to /readyz, new data directory (median)" "$(median "${fresh[@]}")" "${fresh[*]}"
printf '%-52s %s ms (runs: %s)\n' "start to /readyz, existing database (median)" "$(median "${warm[@]}")" "${warm[*]}"
printf '%-52s %s MiB\n' "idle RSS, 10 s after ready (last run)" "$((rss_kb / 1024))"
