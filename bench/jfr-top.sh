#!/usr/bin/env bash
# Summarises the CPU samples of a JFR recording (for example one that bench/scale.sh made with
# SCALE_JFR=1): the methods that were running (self) and the methods on the stack (total), each as
# a share of all samples, optionally only of threads whose name contains THREAD.
#   bench/jfr-top.sh RECORDING.jfr [LINES] [THREAD]
set -euo pipefail
recording=$1
lines=${2:-25}
thread=${3:-}
summary=$(jfr print --stack-depth 200 --events jdk.ExecutionSample "$recording" | awk -v thread="$thread" '
  /^jdk.ExecutionSample/ { depth = 0; keep = 1; delete seen; next }
  /sampledThread = / { keep = thread == "" || index($0, thread) > 0; if (keep) samples++; next }
  /^    [^ .]/ && keep {
    frame = $1
    sub(/\(.*/, "", frame)
    if (depth++ == 0) self[frame]++
    if (!(frame in seen)) { seen[frame] = 1; total[frame]++ }
  }
  END {
    print "samples", samples
    for (frame in self) printf "self %.1f %s\n", 100 * self[frame] / samples, frame
    for (frame in total) printf "total %.1f %s\n", 100 * total[frame] / samples, frame
  }')
echo "$(awk '$1 == "samples" {print $2}' <<<"$summary") samples${thread:+ of threads named *$thread*}"
for kind in self total; do
  printf '\n%-6s %%  method\n' "$kind"
  awk -v kind="$kind" '$1 == kind {printf "%8.1f  %s\n", $2, $3}' <<<"$summary" | sort -rn | head -n "$lines" || true
done
