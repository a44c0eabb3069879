#!/usr/bin/env bash
# The server at scale (issue 6): runs the release build's `calamari server --demo` against simulated
# clusters of 100, 1,000 and 10,000 OSDs (10 per host, 100 PGs per OSD) and measures, for each size:
# launch to /readyz and to the first full OSD list, the snapshot rebuild after an OSD map change
# (the noout flag) and after an OSD failure (OSD map and PG states), the heap after a full GC, CPU
# per minute at steady state, and the req/s and p50/p99 latency of the read endpoints under load
# from wrk (a separate process). Then, unless DASHBOARD=0, it starts a real Ceph lab cluster with
# the mgr's Ceph Dashboard and loads the same endpoints of both, side by side. Prints Markdown
# tables; keeps the logs and raw wrk output in a directory it names at the end.
#
#   bench/scale.sh                  all three sizes, then the Dashboard comparison (about 15 min)
#   bench/scale.sh 100 1000         only these sizes (OSD counts, multiples of 10)
#   DASHBOARD=0 bench/scale.sh      no lab cluster
#
# Settings (environment): SCALE_XMX (server heap limit, default 2g), SCALE_LOAD_SECONDS (each wrk
# run, default 10), SCALE_CONNECTIONS (default 16), SCALE_THREADS (wrk threads, default 2),
# SCALE_QUIET_SECONDS (the idle CPU window, default 60), SCALE_JFR=1 (record a JFR profile of each
# server into the output directory), SCALE_PORT (first of four consecutive loopback ports, default
# 18770). Installs wrk and jq (and ceph-mgr-dashboard for the comparison) with apt-get if missing;
# the comparison also needs the Ceph daemons that `./calamari test` installs (apt-get needs root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
xmx=${SCALE_XMX:-2g}
load_seconds=${SCALE_LOAD_SECONDS:-10}
connections=${SCALE_CONNECTIONS:-16}
threads=${SCALE_THREADS:-2}
quiet_seconds=${SCALE_QUIET_SECONDS:-60}
port=${SCALE_PORT:-18770}
lab_server_port=$((port + 1))
lab_mon_port=$((port + 2))
dashboard_port=$((port + 3))
lab_script="$root/calamari-testkit/src/main/resources/io/calamari/testkit/ceph-cluster.sh"

for size in "${sizes[@]}"; do
  if ! [[ $size =~ ^[1-9][0-9]*0$ ]]; then
    echo "scale: sizes are OSD counts, multiples of 10 (got '$size')" >&2
    exit 2
  fi
done

install_if_missing() {
  local missing=()
  for package in "$@"; do
    case $package in
      ceph-mgr-dashboard) [ -d /usr/share/ceph/mgr/dashboard ] || missing+=("$package") ;;
      *) command -v "$package" >/dev/null || missing+=("$package") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "scale: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
install_if_missing wrk jq
[ "${DASHBOARD:-1}" = 0 ] || install_if_missing ceph-mgr-dashboard

# Builds the release archive only when sources changed since the last build.
"$root/calamari" server --help >/dev/null
launcher=$(ls "$root"/calamari-dist/target/calamari-*/calamari-*/bin/calamari | head -n 1)
out=$(mktemp -d -t calamari-scale.XXXXXX)
server_pid=""
lab_dir=""

cleanup() {
  local status=$?
  stop_server
  if [ -n "$lab_dir" ]; then
    bash "$lab_script" stop "$lab_dir" >/dev/null 2>&1 || true
    rm -rf "$lab_dir"
  fi
  [ $status -eq 0 ] || echo "scale: failed; logs in $out" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
log() { echo "scale: $*" >&2; }
fail() {
  log "$*"
  exit 1
}

# ---------------------------------------------------------------- the server

# start_server DATA_DIR PORT ARGS...: launches the server with the benchmark's JVM options.
start_server() {
  local data=$1 http_port=$2 options="-Xmx$xmx"
  shift 2
  if [ "${SCALE_JFR:-0}" = 1 ]; then
    options+=" -XX:StartFlightRecording=settings=profile,filename=$out/$(basename "$data").jfr"
  fi
  ss -ltn | grep -q ":$http_port " && fail "port $http_port is in use; set SCALE_PORT"
  CALAMARI_JAVA_OPTS="$options" "$launcher" server --data-dir "$data" --http-port "$http_port" "$@" \
    >"$data.log" 2>&1 &
  server_pid=$!
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

alive() { kill -0 "$server_pid" 2>/dev/null || fail "the server exited; see its log in $out"; }

# wait_until WHAT SECONDS CHECK...: runs CHECK every 50 ms until it succeeds.
wait_until() {
  local what=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@"; do
    alive
    ((SECONDS < deadline)) || fail "gave up waiting for $what"
    sleep 0.05
  done
}

base=""
jar=""
api() { curl -sf -b "$jar" "$base$1"; }
ready() { curl -sf "$base/readyz" >/dev/null 2>&1; }

# login DATA_DIR: a session as the initial admin, in the cookie jar $jar.
login() {
  local password
  password=$(cat "$1/initial-admin-password")
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg p "$password" '{username: "admin", password: $p}')" \
    "$base/api/v2/auth/login" >/dev/null
}
session_cookie() { awk '$6 == "calamari_sessionid" {print "calamari_sessionid=" $7}' "$jar"; }
xsrf_token() { awk '$6 == "XSRF-TOKEN" {print $7}' "$jar"; }

first_fsid() { api /api/v2/cluster | jq -er '.[0].id'; }
has_cluster() { first_fsid >/dev/null 2>&1; }
osd_count_is() { [ "$(api "/api/v2/cluster/$fsid/osd" | jq length 2>/dev/null)" = "$1" ]; }
answers() { api "$1" >/dev/null 2>&1; }

# refresh_rounds: "TAG COUNT SUM" for each tag of calamari_cluster_refresh_seconds.
refresh_rounds() {
  api /metrics | awk '
    /^calamari_cluster_refresh_seconds_(count|sum)\{/ {
      match($0, /fetched="[a-z_]+"/)
      tag = substr($0, RSTART + 9, RLENGTH - 10)
      if ($0 ~ /_count\{/) count[tag] += $NF; else sum[tag] += $NF
    }
    END { for (tag in count) print tag, count[tag], sum[tag] }'
}

# rounds_between BEFORE AFTER TAG: "N MS" (rounds of TAG in between, and their mean time in ms).
rounds_between() {
  awk -v tag="$3" '
    FNR == NR { if ($1 == tag) { count = $2; sum = $3 } next }
    $1 == tag { n = $2 - count; if (n > 0) printf "%d %.0f\n", n, 1000 * ($3 - sum) / n; else print "0 -" }
  ' <(echo "$1") <(echo "$2") | grep . || echo "0 -"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# monitor_ticks: CPU ticks of the cluster monitor's thread (its name starts "cluster-monitor").
monitor_ticks() {
  local task total=0
  for task in /proc/"$server_pid"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == cluster-monito* ]]; then
      total=$((total + $(awk '{print $14 + $15}' "$task/stat")))
    fi
  done
  echo "$total"
}

# change_cpu_ms TICKS SECONDS: the monitor thread's CPU for a change, in ms: TICKS used over a
# window of SECONDS, less what the idle polls cost in as long (measured in the idle window).
change_cpu_ms() {
  awk -v t="$1" -v s="$2" -v rate="$monitor_idle_rate" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {v = (t - rate * s) * 1000 / hz; printf "%.0f", v < 0 ? 0 : v}'
}

# heap_after_gc: MiB of heap in use after a full collection.
heap_after_gc() {
  jcmd "$server_pid" GC.run >/dev/null
  jstat -gc "$server_pid" | awk 'NR == 1 {for (i = 1; i <= NF; i++) column[$i] = i}
    NR == 2 {printf "%.0f\n", ($column["S0U"] + $column["S1U"] + $column["EU"] + $column["OU"]) / 1024}'
}

# warm_up URL [HEADER...]: three seconds of load, not measured, so the JIT has compiled the paths.
warm_up() {
  local url=$1
  shift
  local headers=()
  for header in "$@"; do headers+=(-H "$header"); done
  wrk -t"$threads" -c"$connections" -d3s --timeout 30s "${headers[@]}" "$url" >/dev/null
}

# load NAME URL [HEADER...]: a warm-up, then one measured wrk run; prints "REQ/S P50_MS P99_MS".
load() {
  local name=$1 url=$2 file
  shift 2
  local headers=()
  for header in "$@"; do headers+=(-H "$header"); done
  file="$out/wrk-$name.txt"
  warm_up "$url" "$@"
  wrk -t"$threads" -c"$connections" -d"${load_seconds}s" --timeout 30s --latency "${headers[@]}" "$url" >"$file"
  if grep -qE 'Non-2xx|Socket errors' "$file"; then
    log "wrk reported errors for $name ($url):"
    grep -E 'Non-2xx|Socket errors' "$file" >&2
  fi
  awk '
    function ms(value) {
      if (value ~ /us$/) return value / 1000
      if (value ~ /ms$/) return value + 0
      if (value ~ /s$/) return value * 1000
      if (value ~ /m$/) return value * 60000
      return value
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rate = $2 }
    END { printf "%.0f %.2f %.2f\n", rate, p50, p99 }' "$file"
}

# check_endpoint URL [HEADER...]: fails unless a GET answers 200 with a non-empty body; prints its size.
check_endpoint() {
  local url=$1 code
  shift
  local headers=()
  for header in "$@"; do headers+=(-H "$header"); done
  code=$(curl -s -o "$out/body" -w '%{http_code}' "${headers[@]}" "$url")
  [ "$code" = 200 ] && [ -s "$out/body" ] || fail "$url answered $code: $(head -c 300 "$out/body")"
  jq -e . "$out/body" >/dev/null || fail "$url did not answer JSON"
  stat -c %s "$out/body"
}

# ---------------------------------------------------------------- one simulated size

declare -A result seen
measures=()
# record MEASURE SIZE VALUE: one cell of the table; rows keep the order of their first value.
record() {
  local measure=$1 size=$2 value=$3
  [ -n "${seen[$measure]:-}" ] || measures+=("$measure")
  seen[$measure]=1
  result[$measure,$size]=$value
}

# Each endpoint: a name for the table, then its path under the cluster.
endpoints=(
  "osd_paged" "/api/v2/cluster/FSID/osd?page=1&page_size=50"
  "osd" "/api/v2/cluster/FSID/osd"
  "health_counters" "/api/v1/cluster/FSID/health_counters"
  "pool" "/api/v2/cluster/FSID/pool"
  "server" "/api/v2/cluster/FSID/server"
  "health" "/api/v1/cluster/FSID/health"
)

measure_size() {
  local osds=$1 hosts racks data started before after quiet_start monitor_start changed
  hosts=$((osds / 10))
  racks=$(((hosts + 19) / 20))
  data="$out/demo-$osds"
  base="http://127.0.0.1:$port"
  jar="$out/cookies-$osds"
  log "$osds OSDs: starting the server (racks=$racks, hosts=$hosts, pgs=$((osds * 100)), -Xmx$xmx)"
  started=$(now_ms)
  start_server "$data" "$port" --demo \
    --demo-size "racks=$racks,hosts=$hosts,osds-per-host=10,pools=8,pgs=$((osds * 100))"
  wait_until "/readyz" 300 ready
  record "launch → \`/readyz\`, ms" "$osds" $(($(now_ms) - started))
  login "$data"
  wait_until "the cluster" 300 has_cluster
  fsid=$(first_fsid)
  wait_until "the full OSD list" 600 osd_count_is "$osds"
  record "launch → full OSD list (first snapshot), ms" "$osds" $(($(now_ms) - started))
  wait_until "the PG summary" 600 answers "/api/v1/cluster/$fsid/health_counters"
  record "launch → PG summary (\`health_counters\` 200), ms" "$osds" $(($(now_ms) - started))

  log "$osds OSDs: $quiet_seconds s idle for CPU, then a full GC"
  sleep 10
  quiet_start=$(cpu_ticks)
  monitor_start=$(monitor_ticks)
  sleep "$quiet_seconds"
  monitor_idle_rate=$(awk -v t=$(($(monitor_ticks) - monitor_start)) -v s="$quiet_seconds" 'BEGIN {print t / s}')
  record "CPU s per minute, idle (${quiet_seconds} s window)" "$osds" "$(awk -v t=$(($(cpu_ticks) - quiet_start)) -v hz="$(getconf CLK_TCK)" \
    -v s="$quiet_seconds" 'BEGIN {printf "%.2f", t / hz * 60 / s}')"
  record "heap after full GC, idle, MiB" "$osds" "$(heap_after_gc)"

  log "$osds OSDs: OSD map change (set noout)"
  before=$(refresh_rounds)
  monitor_start=$(monitor_ticks)
  changed=$(now_ms)
  curl -sf -b "$jar" -X PATCH -H "X-XSRF-TOKEN: $(xsrf_token)" -H 'Content-Type: application/json' \
    -d '{"noout": true}' "$base/api/v2/cluster/$fsid/osd_config" >/dev/null
  wait_until "noout in osd_config" 60 noout_set
  record "set noout: PATCH → \`osd_config\` shows it, ms" "$osds" $(($(now_ms) - changed))
  sleep 1
  after=$(refresh_rounds)
  record "set noout: monitor thread CPU for it, ms" "$osds" \
    "$(change_cpu_ms $(($(monitor_ticks) - monitor_start)) "$(awk -v ms=$(($(now_ms) - changed)) 'BEGIN {print ms / 1000}')")"
  read -r count mean <<<"$(rounds_between "$before" "$after" osd_map)"
  record "set noout: rebuild round (\`osd_map\`), ms" "$osds" "$mean"
  [ "$count" = 1 ] || log "$count osd_map rounds after noout (mean $mean ms)"
  read -r count mean <<<"$(rounds_between "$before" "$after" pg_summary)"
  [ "$count" = 0 ] || log "$count pg_summary rounds after noout (mean $mean ms)"

  log "$osds OSDs: OSD map and PG-state change (ctl demo fail-osd 7)"
  before=$(refresh_rounds)
  monitor_start=$(monitor_ticks)
  started=$(now_ms)
  "$launcher" ctl demo fail-osd 7 --data-dir "$data" >/dev/null
  changed=$(now_ms)
  wait_until "osd.7 down in the API" 60 osd_down 7
  record "fail-osd: scenario done → API shows it down, ms" "$osds" $(($(now_ms) - changed))
  sleep 8
  after=$(refresh_rounds)
  record "fail-osd: monitor thread CPU for it, ms" "$osds" \
    "$(change_cpu_ms $(($(monitor_ticks) - monitor_start)) "$(awk -v ms=$(($(now_ms) - started)) 'BEGIN {print ms / 1000}')")"
  read -r count mean <<<"$(rounds_between "$before" "$after" osd_map)"
  record "fail-osd: rebuild round (\`osd_map\`), ms" "$osds" "$mean"
  [ "$count" = 1 ] || log "$count osd_map rounds after fail-osd (mean $mean ms)"
  read -r count mean <<<"$(rounds_between "$before" "$after" pg_summary)"
  record "fail-osd: rebuild round (\`pg_summary\`), ms" "$osds" "$mean"
  [ "$count" = 1 ] || log "$count pg_summary rounds after fail-osd (mean $mean ms)"

  log "$osds OSDs: load (wrk -t$threads -c$connections -d${load_seconds}s per endpoint)"
  local cookie index name path bytes rate p50 p99
  cookie=$(session_cookie)
  for ((index = 0; index < ${#endpoints[@]}; index += 2)); do
    path=${endpoints[index + 1]//FSID/$fsid}
    check_endpoint "$base$path" "Cookie: $cookie" >/dev/null
    warm_up "$base$path" "Cookie: $cookie"
  done
  for ((index = 0; index < ${#endpoints[@]}; index += 2)); do
    name=${endpoints[index]}
    path=${endpoints[index + 1]//FSID/$fsid}
    bytes=$(check_endpoint "$base$path" "Cookie: $cookie")
    read -r rate p50 p99 <<<"$(load "$name-$osds" "$base$path" "Cookie: $cookie")"
    record "\`$name\` answer, KiB" "$osds" "$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1024}')"
    record "\`$name\` req/s" "$osds" "$rate"
    record "\`$name\` p50, ms" "$osds" "$p50"
    record "\`$name\` p99, ms" "$osds" "$p99"
  done
  record "heap after full GC, after the load, MiB" "$osds" "$(heap_after_gc)"
  record "RSS at the end, MiB" "$osds" $(($(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024))
  grep -cE ' (WARN|ERROR) ' "$data.log" >"$out/warnings-$osds" || true
  stop_server
}

noout_set() { [ "$(api "/api/v2/cluster/$fsid/osd_config" | jq -r .noout)" = true ]; }
osd_down() { [ "$(api "/api/v2/cluster/$fsid/osd/$1" | jq -r .up)" = false ]; }

# ---------------------------------------------------------------- the Dashboard comparison

declare -A side
dashboard_endpoints=(
  "osd" "/api/v2/cluster/FSID/osd" "/api/osd"
  "health_counters" "/api/v1/cluster/FSID/health_counters" "/api/health/minimal"
  "pool" "/api/v2/cluster/FSID/pool" "/api/pool"
  "server" "/api/v2/cluster/FSID/server" "/api/host"
  "health" "/api/v1/cluster/FSID/health" "/api/health/full"
)

compare_with_dashboard() {
  local data="$out/lab-server" dashboard="http://127.0.0.1:$dashboard_port" password token cookie
  local index name ours theirs bytes rate p50 p99
  lab_dir=$(mktemp -d -t calamari-scale-lab.XXXXXX)
  log "lab: starting a Ceph cluster (1 mon, 1 mgr, 3 OSDs on 3 hosts) with the Dashboard"
  bash "$lab_script" start "$lab_dir" "$lab_mon_port" 3 3 >"$out/lab-fsid"
  bash "$lab_script" dashboard "$lab_dir" "$dashboard_port" >/dev/null
  password=$(cat "$lab_dir/dashboard-password")
  token=$(curl -sf -H 'Accept: application/vnd.ceph.api.v1.0+json' -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg p "$password" '{username: "admin", password: $p}')" "$dashboard/api/auth" | jq -er .token)

  log "lab: starting the server against it"
  base="http://127.0.0.1:$lab_server_port"
  jar="$out/cookies-lab"
  start_server "$data" "$lab_server_port" --ceph-conf "$lab_dir/ceph.conf"
  wait_until "/readyz" 300 ready
  login "$data"
  fsid=$(cat "$out/lab-fsid")
  wait_until "the lab's OSD list" 120 osd_count_is 3
  wait_until "the lab's PG summary" 120 answers "/api/v1/cluster/$fsid/health_counters"
  cookie=$(session_cookie)
  for ((index = 0; index < ${#dashboard_endpoints[@]}; index += 3)); do
    name=${dashboard_endpoints[index]}
    ours=$base${dashboard_endpoints[index + 1]//FSID/$fsid}
    theirs=$dashboard${dashboard_endpoints[index + 2]}
    log "lab: $name"
    bytes=$(check_endpoint "$ours" "Cookie: $cookie")
    read -r rate p50 p99 <<<"$(load "lab-ours-$name" "$ours" "Cookie: $cookie")"
    side[$name,ours]="$rate $p50 $p99 $bytes"
    bytes=$(check_endpoint "$theirs" "Authorization: Bearer $token" \
      'Accept: application/vnd.ceph.api.v1.0+json')
    read -r rate p50 p99 <<<"$(load "lab-dashboard-$name" "$theirs" "Authorization: Bearer $token" \
      'Accept: application/vnd.ceph.api.v1.0+json')"
    side[$name,theirs]="$rate $p50 $p99 $bytes"
  done
  stop_server
  bash "$lab_script" stop "$lab_dir" >/dev/null
  rm -rf "$lab_dir"
  lab_dir=""
}

# ---------------------------------------------------------------- the run and the tables

for size in "${sizes[@]}"; do
  measure_size "$size"
done
[ "${DASHBOARD:-1}" = 0 ] || compare_with_dashboard

machine="$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"),"
machine+=" $(java -version 2>&1 | awk -F'"' 'NR == 1 {print $2}'), server -Xmx$xmx,"
machine+=" wrk -t$threads -c$connections -d${load_seconds}s, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Simulated clusters ($machine)"
echo
first=${sizes[0]}
last=${sizes[${#sizes[@]} - 1]}
header="| Measure |"
rule="|---|"
for size in "${sizes[@]}"; do
  header+=" $size OSDs |"
  rule+="---|"
done
if [ "$first" != "$last" ]; then
  header+=" $last / $first (size × $((last / first))) |"
  rule+="---|"
fi
echo "$header"
echo "$rule"
for measure in "${measures[@]}"; do
  row="| $measure |"
  for size in "${sizes[@]}"; do row+=" ${result[$measure,$size]:--} |"; done
  if [ "$first" != "$last" ]; then
    row+=" $(awk -v a="${result[$measure,$first]:--}" -v b="${result[$measure,$last]:--}" \
      'BEGIN {if (a + 0 > 0 && b != "-") printf "%.3g", b / a; else printf "-"}') |"
  fi
  echo "$row"
done

if [ "${DASHBOARD:-1}" != 0 ]; then
  echo
  echo "Lab cluster (1 mon, 1 mgr, 3 memstore OSDs), Calamari and the Ceph Dashboard, same run"
  echo
  echo "| Endpoint (ours / Dashboard) | ours req/s | ours p50 / p99 ms | Dashboard req/s | Dashboard p50 / p99 ms | req/s ours ÷ Dashboard | p99 ours ÷ Dashboard | answer bytes ours / Dashboard |"
  echo "|---|---|---|---|---|---|---|---|"
  for ((index = 0; index < ${#dashboard_endpoints[@]}; index += 3)); do
    name=${dashboard_endpoints[index]}
    read -r our_rate our_p50 our_p99 our_bytes <<<"${side[$name,ours]}"
    read -r their_rate their_p50 their_p99 their_bytes <<<"${side[$name,theirs]}"
    ours=${dashboard_endpoints[index + 1]#/api/}
    echo "| \`${ours//FSID/\{fsid\}}\` / \`${dashboard_endpoints[index + 2]}\` | $our_rate | $our_p50 / $our_p99 | $their_rate | $their_p50 / $their_p99 | $(awk -v a="$our_rate" -v b="$their_rate" 'BEGIN {printf "%.1f", a / b}') | $(awk -v a="$our_p99" -v b="$their_p99" 'BEGIN {printf "%.2f", a / b}') | $our_bytes / $their_bytes |"
  done
fi
echo
echo "Logs and wrk output: $out"
