#!/usr/bin/env bash
# Calamari's metric store against Debian's carbon-cache + whisper, same machine, same run, same
# carbon plaintext load (issue 7). Prints one table:
#   - sustained ingest (points/s from the first byte sent to the last point stored) and the
#     receiver's CPU seconds per million points;
#   - disk bytes per stored point (Calamari after compaction; whisper allocated blocks);
#   - /render of sumSeries over 100 series x 1 day at 10 s: p50/p95 of 50 requests (Calamari);
#   - points lost after kill -9 during full-speed ingest (Calamari; sync interval 1 s).
# Usage: bench/tsdb-vs-carbon.sh [SERIES] [STEPS]   (defaults 100000 series x 120 steps of 10 s)
# Needs root for apt (graphite-carbon, python3-whisper, jq, curl); binds 127.0.0.1 only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
series=${1:-100000}
steps=${2:-120}
connections=${BENCH_CONNECTIONS:-2}
xmx=${BENCH_XMX:-2g}
http_port=${BENCH_HTTP_PORT:-18480}
carbon_port=${BENCH_CARBON_PORT:-12003}
graphite_carbon_port=${BENCH_GRAPHITE_PORT:-12103}

log() { echo "tsdb-vs-carbon: $*" >&2; }
fail() { log "$*"; exit 1; }

missing=()
command -v carbon-cache >/dev/null || missing+=(graphite-carbon)
command -v whisper-fetch >/dev/null || missing+=(python3-whisper)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log "building"
"$root/calamari" server --help >/dev/null
launcher=$(ls "$root"/calamari-dist/target/calamari-*/calamari-*/bin/calamari | head -n 1)
./mvnw -q -B -o -DskipTests -DskipITs -Dspotless.check.skip=true -Djacoco.skip=true install -pl calamari-tsdb -am >/dev/null
classpath_file=$(mktemp)
./mvnw -q -B -o dependency:build-classpath -pl calamari-tsdb -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
sender_cp="calamari-tsdb/target/test-classes:calamari-tsdb/target/classes:$(cat "$classpath_file")"
rm -f "$classpath_file"

out=$(mktemp -d -t calamari-tsdb-bench.XXXXXX)
server_pid=""
carbon_pid=""
cleanup() {
  local status=$?
  [ -z "$server_pid" ] || kill -KILL "$server_pid" 2>/dev/null || true
  [ -z "$carbon_pid" ] || kill "$carbon_pid" 2>/dev/null || true
  [ $status -eq 0 ] && rm -rf "$out" || log "failed; logs in $out"
}
trap cleanup EXIT

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
now=$(( $(date +%s) / 10 * 10 ))

# send SERIES STEPS END PORT: the load, printed by the sender; echoes the points sent.
send() {
  java -cp "$sender_cp" io.calamari.tsdb.bench.CarbonSender 127.0.0.1 "$4" "$1" "$2" "$3" "$connections" \
    | tee -a "$out/sender.log" | sed -E 's/^sent ([0-9]+) .*/\1/'
}

# ---------------------------------------------------------------- Calamari
start_server() {
  CALAMARI_JAVA_OPTS="-Xmx$xmx" "$launcher" server --data-dir "$1" --http-port "$http_port" \
    --carbon-port "$carbon_port" --carbon-pickle-port off >>"$1.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 60))
  until curl -sf "http://127.0.0.1:$http_port/readyz" >/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited; see $1.log"
    ((SECONDS < deadline)) || fail "the server did not get ready"
    sleep 0.2
  done
}
stop_server() {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
jar="$out/cookies"
login() {
  local password
  password=$(cat "$1/initial-admin-password")
  curl -sf -c "$jar" -b "$jar" "http://127.0.0.1:$http_port/api/v2/auth/login" >/dev/null
  curl -sf -c "$jar" -b "$jar" -H "X-XSRF-TOKEN: $(awk '$6 == "XSRF-TOKEN" {print $7}' "$jar")" \
    -H 'Content-Type: application/json' -d "{\"username\": \"admin\", \"password\": \"$password\"}" \
    "http://127.0.0.1:$http_port/api/v2/auth/login" >/dev/null
}
metric() {
  curl -sf -b "$jar" "http://127.0.0.1:$http_port/metrics" \
    | awk -v name="$1" '$1 == name || index($1, name "{") == 1 {printf "%.0f\n", $2; exit}'
}
wait_for_points() {
  local target=$1 deadline=$((SECONDS + 600))
  until [ "$(metric calamari_tsdb_points_written_total)" -ge "$target" ] 2>/dev/null; do
    ((SECONDS < deadline)) || fail "Calamari stored $(metric calamari_tsdb_points_written_total) of $target points"
    sleep 0.05
  done
}

data="$out/calamari"
mkdir -p "$data"
start_server "$data"
login "$data"
log "Calamari: the 100 series rendered later, one day at 10 s"
day_points=$(send 400 8640 "$now" "$carbon_port")
wait_for_points "$day_points"
log "Calamari: $series series x $steps steps"
cpu_before=$(cpu_seconds "$server_pid")
start_ms=$(date +%s%3N)
sent=$(send "$series" "$steps" "$now" "$carbon_port")
wait_for_points $((day_points + sent))
ingest_ms=$(( $(date +%s%3N) - start_ms ))
cpu=$(echo "$(cpu_seconds "$server_pid") - $cpu_before" | bc -l)
calamari_rate=$(echo "$sent * 1000 / $ingest_ms" | bc)
calamari_cpu=$(echo "$cpu / ($sent / 1000000)" | bc -l)

log "Calamari: render"
password=$(cat "$data/initial-admin-password")
targets=$(seq -s, 0 99)
render_url="http://127.0.0.1:$http_port/render?format=json&from=-1d&target=sumSeries(ceph.cluster.fsid.osd.%7B${targets}%7D.op_w)"
curl -sf -u "admin:$password" -g "$render_url" | jq -e '.[0].datapoints | length > 8000' >/dev/null \
  || fail "render did not answer a day of points"
for _ in $(seq 50); do
  curl -sf -o /dev/null -w '%{time_total}\n' -u "admin:$password" -g "$render_url"
done | sort -n >"$out/render-times"
render_p50=$(awk 'NR == 25 {printf "%.1f", $1 * 1000}' "$out/render-times")
render_p95=$(awk 'NR == 48 {printf "%.1f", $1 * 1000}' "$out/render-times")

log "Calamari: compaction (restart: close seals the heads, open compacts)"
stop_server
start_server "$data"
login "$data"
deadline=$((SECONDS + 300))
until [ "$(metric calamari_tsdb_pending_level0_files)" = 0 ] && [ "$(metric calamari_tsdb_partitions)" != 0 ]; do
  ((SECONDS < deadline)) || fail "compaction did not finish"
  sleep 0.5
done
sleep 2
partition_bytes=$(metric calamari_tsdb_partition_bytes)
calamari_bytes=$(echo "$partition_bytes / ($day_points + $sent)" | bc -l)
stop_server

log "Calamari: kill -9 during full-speed ingest"
kill_data="$out/calamari-kill"
mkdir -p "$kill_data"
start_server "$kill_data"
send "$series" 8640 "$now" "$carbon_port" >"$out/kill-sent" &
sender=$!
sleep 8
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
wait "$sender" || true
kill_sent=$(cat "$out/kill-sent")
kill_stored=$(java -cp "$sender_cp" io.calamari.tsdb.bench.StoredPoints "$kill_data/metrics" "$now" 2>/dev/null)
kill_lost=$((kill_sent - kill_stored))

# ---------------------------------------------------------------- carbon-cache + whisper
log "carbon-cache: $series series x $steps steps"
carbon="$out/carbon"
mkdir -p "$carbon/whisper" "$carbon/log" "$carbon/conf"
sed -e "s|^STORAGE_DIR *=.*|STORAGE_DIR = $carbon/|" \
    -e "s|^LOCAL_DATA_DIR *=.*|LOCAL_DATA_DIR = $carbon/whisper/|" \
    -e "s|^CONF_DIR *=.*|CONF_DIR = $carbon/conf/|" \
    -e "s|^LOG_DIR *=.*|LOG_DIR = $carbon/log/|" \
    -e "s|^PID_DIR *=.*|PID_DIR = $carbon/|" \
    -e "s|^USER *=.*|USER =|" \
    -e "s|^MAX_UPDATES_PER_SECOND *=.*|MAX_UPDATES_PER_SECOND = inf|" \
    -e "s|^MAX_CREATES_PER_MINUTE *=.*|MAX_CREATES_PER_MINUTE = inf|" \
    -e "s|^WHISPER_FALLOCATE_CREATE *=.*|WHISPER_FALLOCATE_CREATE = False|" \
    -e "s|_INTERFACE *= *0.0.0.0|_INTERFACE = 127.0.0.1|" \
    -e "0,/^LINE_RECEIVER_PORT *=.*/s||LINE_RECEIVER_PORT = $graphite_carbon_port|" \
    -e "0,/^PICKLE_RECEIVER_PORT *=.*/s||PICKLE_RECEIVER_PORT = $((graphite_carbon_port + 1))|" \
    -e "s|^CACHE_QUERY_PORT *=.*|CACHE_QUERY_PORT = $((graphite_carbon_port + 2))|" \
    /etc/carbon/carbon.conf >"$carbon/conf/carbon.conf"
echo "CARBON_METRIC_INTERVAL = 1" >>"$carbon/conf/carbon.conf"
printf '[carbon]\npattern = ^carbon\\.\nretentions = 1s:1d\n\n[bench]\npattern = .*\nretentions = 10s:1d\n' \
  >"$carbon/conf/storage-schemas.conf"
carbon-cache --config="$carbon/conf/carbon.conf" --pidfile="$carbon/carbon.pid" --logdir="$carbon/log" start >/dev/null
for _ in $(seq 100); do [ -s "$carbon/carbon.pid" ] && break; sleep 0.1; done
carbon_pid=$(cat "$carbon/carbon.pid")
until ss -ltn | grep -q "127.0.0.1:$graphite_carbon_port "; do sleep 0.1; done
committed() {
  local total=0 file
  for file in "$carbon"/whisper/carbon/agents/*/committedPoints.wsp; do
    [ -f "$file" ] || continue
    total=$(whisper-fetch --from="$start_s" "$file" | awk -v t="$total" '$2 != "None" {t += $2} END {printf "%d", t}')
  done
  echo "$total"
}
cpu_before=$(cpu_seconds "$carbon_pid")
start_s=$(date +%s)
start_ms=$(date +%s%3N)
carbon_sent=$(send "$series" "$steps" "$now" "$graphite_carbon_port")
received_ms=$(( $(date +%s%3N) - start_ms ))
deadline=$((SECONDS + 3600))
until [ "$(committed)" -ge "$carbon_sent" ]; do
  ((SECONDS < deadline)) || fail "carbon committed $(committed) of $carbon_sent points"
  sleep 2
done
carbon_ms=$(( $(date +%s%3N) - start_ms ))
carbon_cpu_total=$(echo "$(cpu_seconds "$carbon_pid") - $cpu_before" | bc -l)
carbon_rate=$(echo "$carbon_sent * 1000 / $carbon_ms" | bc)
carbon_received=$(echo "$carbon_sent * 1000 / $received_ms" | bc)
carbon_cpu=$(echo "$carbon_cpu_total / ($carbon_sent / 1000000)" | bc -l)
whisper_bytes=$(du -s --block-size=1 --exclude=carbon "$carbon/whisper" | cut -f1)
whisper_apparent=$(du -s --apparent-size --block-size=1 --exclude=carbon "$carbon/whisper" | cut -f1)
carbon_bytes=$(echo "$whisper_bytes / $carbon_sent" | bc -l)
carbon-cache --config="$carbon/conf/carbon.conf" --pidfile="$carbon/carbon.pid" --logdir="$carbon/log" stop >/dev/null || true
carbon_pid=""

machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | awk -F'"' 'NR == 1 {print $2}')"
printf '\nload: %d series x %d steps of 10 s (%d points), %d connections; %s\n\n' \
  "$series" "$steps" "$sent" "$connections" "$machine"
printf '| %-44s | %18s | %22s |\n' "" "Calamari" "carbon-cache 1.1.7"
printf '|%s|%s|%s|\n' "----------------------------------------------" "--------------------" "------------------------"
printf '| %-44s | %18s | %22s |\n' "sustained ingest, points/s (sent -> stored)" "$calamari_rate" "$carbon_rate"
printf '| %-44s | %18s | %22s |\n' "points/s received (sender done)" "-" "$carbon_received"
printf '| %-44s | %18.2f | %22.2f |\n' "receiver CPU-s per million points" "$calamari_cpu" "$carbon_cpu"
printf '| %-44s | %18.3f | %22.2f |\n' "disk bytes per stored point" "$calamari_bytes" "$carbon_bytes"
printf '| %-44s | %18s | %22s |\n' "whisper files, apparent (reserved) bytes" "-" "$whisper_apparent"
printf '| %-44s | %18s | %22s |\n' "render sumSeries 100 x 1 d, p50 / p95 ms" "$render_p50 / $render_p95" "not measured"
printf '| %-44s | %18s | %22s |\n' "kill -9 at full speed: sent / stored / lost" "$kill_sent / $kill_stored / $kill_lost" "-"
