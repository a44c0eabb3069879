#!/usr/bin/env bash
# A private, throw-away Ceph cluster for tests, driven by io.calamari.testkit.CephCluster.
#
#   ceph-cluster.sh start DIR PORT OSDS HOSTS   1 mon (127.0.0.1:PORT, msgr v2), 1 mgr, OSDS memstore OSDs
#                                                spread round-robin over HOSTS pretend hosts (node0, node1...);
#                                                returns once every OSD is up and the mgr is available
#   ceph-cluster.sh stop DIR                     kills every daemon of the cluster (by pid file) and waits for
#                                                them to exit; the cluster cannot start again
#   ceph-cluster.sh stop-daemon DIR NAME         stops one daemon cleanly (SIGTERM), e.g. mon.a or osd.1
#   ceph-cluster.sh start-mon DIR                starts mon.a again and waits until it answers
#   ceph-cluster.sh start-osd DIR ID             starts osd.ID again and waits until it is up
#   ceph-cluster.sh dashboard DIR PORT           opt-in: enables the mgr's Ceph Dashboard (package ceph-mgr-dashboard)
#                                                over plain http on 127.0.0.1:PORT with the user admin, whose password
#                                                it writes to DIR/dashboard-password; returns once a login works
#
# Everything lives under DIR: ceph.conf, the admin keyring, daemon data, logs, pid files and admin sockets.
# Cephx is on. OSD data lives in memory (memstore); a clean stop saves it, so a stopped OSD can start again.
set -euo pipefail

readonly READY_SECONDS=${CEPH_CLUSTER_READY_SECONDS:-90}
readonly STOP_SECONDS=15
readonly OSD_BYTES=268435456

fail() {
  echo "ceph-cluster: $*" >&2
  exit 1
}

cli() {
  ceph -c "$DIR/ceph.conf" --connect-timeout 10 "$@"
}

# json_field NAME: prints the scalar value of "NAME" in the JSON on standard input.
json_field() {
  sed -n "s/.*\"$1\": *\"\{0,1\}\([^,\"}]*\).*/\1/p" | head -n 1
}

write_conf() {
  local fsid=$1 port=$2
  cat >"$DIR/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$port
mon initial members = a
public addr = 127.0.0.1
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
mon warn on insecure global id reclaim allowed = false
keyring = $DIR/keyring
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
mon data = $DIR/\$name
mgr data = $DIR/\$name
osd data = $DIR/\$name
osd objectstore = memstore
memstore device bytes = $OSD_BYTES
osd pool default size = 2
osd pool default min size = 1
osd crush chooseleaf type = 1
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 5
mon data avail crit = 2
ms bind ipv4 = true
ms bind ipv6 = false
mgr initial modules = iostat
CONF
}

create_keys() {
  ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap mgr 'allow *' --cap osd 'allow *' --cap mds 'allow *' >/dev/null
}

create_mon() {
  local fsid=$1 port=$2
  monmaptool --create --addv a "[v2:127.0.0.1:$port]" --fsid "$fsid" "$DIR/monmap" >/dev/null
  mkdir -p "$DIR/mon.a"
  ceph-mon -c "$DIR/ceph.conf" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring"
}

start_mon() {
  ceph-mon -c "$DIR/ceph.conf" -i a
  wait_for "mon.a to answer" mon_answers
}

create_mgr() {
  mkdir -p "$DIR/mgr.x"
  cli auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' -o "$DIR/mgr.x/keyring"
  ceph-mgr -c "$DIR/ceph.conf" -i x --keyring "$DIR/mgr.x/keyring"
}

# create_osd INDEX HOSTS: registers, formats and starts one OSD on host node(INDEX % HOSTS).
create_osd() {
  local index=$1 hosts=$2 uuid key id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  key=$(ceph-authtool --gen-print-key)
  id=$(echo "{\"cephx_secret\": \"$key\"}" | cli osd new "$uuid" -i -)
  mkdir -p "$DIR/osd.$id"
  ceph-authtool --create-keyring "$DIR/osd.$id/keyring" --name "osd.$id" --add-key "$key" >/dev/null
  echo "root=default host=node$((index % hosts))" >"$DIR/osd.$id/crush-location"
  ceph-osd -c "$DIR/ceph.conf" -i "$id" --mkfs --osd-uuid "$uuid" --keyring "$DIR/osd.$id/keyring" \
    >>"$DIR/log/osd.$id.mkfs.log" 2>&1
  launch_osd "$id"
}

launch_osd() {
  local id=$1
  ceph-osd -c "$DIR/ceph.conf" -i "$id" --keyring "$DIR/osd.$id/keyring" \
    --crush-location "$(cat "$DIR/osd.$id/crush-location")" 2>>"$DIR/log/osd.$id.stderr.log"
}

mon_answers() {
  cli mon stat >/dev/null 2>&1
}

cluster_ready() {
  local osds=$1 up available
  up=$(cli osd stat -f json 2>/dev/null | json_field num_up_osds)
  available=$(cli mgr stat -f json 2>/dev/null | json_field available)
  [[ ${up:-0} == "$osds" && $available == true ]]
}

osd_up() {
  local id=$1
  cli osd dump -f json 2>/dev/null | tr -d ' \n' | grep -q "{\"osd\":$id,\"uuid\":\"[^\"]*\",\"up\":1,"
}

# wait_for WHAT CHECK...: runs CHECK every half second until it succeeds, failing after READY_SECONDS.
wait_for() {
  local what=$1 deadline=$((SECONDS + READY_SECONDS))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || fail "gave up after $READY_SECONDS s waiting for $what (logs in $DIR/log)"
    sleep 0.5
  done
}

# stop_daemon NAME SIGNAL: sends SIGNAL to the daemon NAME and waits for it to exit, killing it after STOP_SECONDS.
stop_daemon() {
  local name=$1 signal=$2 pid_file="$DIR/run/$1.pid" pid deadline
  [[ -f $pid_file ]] || return 0
  pid=$(cat "$pid_file")
  if kill "-$signal" "$pid" 2>/dev/null; then
    deadline=$((SECONDS + STOP_SECONDS))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "ceph-cluster: $name (pid $pid) ignored SIG$signal for $STOP_SECONDS s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file"
}

dashboard_login() {
  local port=$1
  curl -sf -o /dev/null -H 'Accept: application/vnd.ceph.api.v1.0+json' -H 'Content-Type: application/json' \
    -d "{\"username\": \"admin\", \"password\": \"$(cat "$DIR/dashboard-password")\"}" \
    "http://127.0.0.1:$port/api/auth"
}

# The Dashboard's user commands exist only once the mgr has loaded the module.
create_dashboard_user() {
  cli dashboard ac-user-create admin -i "$DIR/dashboard-password" administrator >/dev/null 2>&1
}

start_dashboard() {
  local port=$1
  [[ -d /usr/share/ceph/mgr/dashboard ]] || fail "the Ceph Dashboard is not installed: apt-get install ceph-mgr-dashboard"
  command -v curl >/dev/null || fail "curl not found"
  cli config set mgr mgr/dashboard/ssl false
  cli config set mgr mgr/dashboard/server_addr 127.0.0.1
  cli config set mgr mgr/dashboard/server_port "$port"
  cli mgr module enable dashboard
  # The Dashboard's password rules want upper and lower case, a digit and a special character.
  (umask 077 && printf '%sAa1!' "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >"$DIR/dashboard-password")
  wait_for "the dashboard module's commands" create_dashboard_user
  wait_for "a dashboard login on port $port" dashboard_login "$port"
}

command=${1:-}
case $command in
  start)
    (($# == 5)) || fail "usage: $0 start DIR PORT OSDS HOSTS"
    DIR=$2 port=$3 osds=$4 hosts=$5
    for binary in ceph-mon ceph-mgr ceph-osd ceph ceph-authtool monmaptool; do
      command -v "$binary" >/dev/null || fail "$binary not found: apt-get install ceph-mon ceph-osd ceph-mgr ceph-common"
    done
    mkdir -p "$DIR/run" "$DIR/log"
    fsid=$(cat /proc/sys/kernel/random/uuid)
    write_conf "$fsid" "$port"
    create_keys
    create_mon "$fsid" "$port"
    start_mon
    create_mgr
    for ((index = 0; index < osds; index++)); do
      create_osd "$index" "$hosts"
    done
    wait_for "$osds OSDs up and an available mgr" cluster_ready "$osds"
    echo "$fsid"
    ;;
  stop)
    (($# == 2)) || fail "usage: $0 stop DIR"
    DIR=$2
    shopt -s nullglob
    for pid_file in "$DIR"/run/osd.*.pid "$DIR"/run/mgr.*.pid "$DIR"/run/mon.*.pid; do
      name=$(basename "$pid_file" .pid)
      stop_daemon "$name" KILL &
    done
    wait
    ;;
  stop-daemon)
    (($# == 3)) || fail "usage: $0 stop-daemon DIR NAME"
    DIR=$2
    stop_daemon "$3" TERM
    ;;
  start-mon)
    (($# == 2)) || fail "usage: $0 start-mon DIR"
    DIR=$2
    start_mon
    ;;
  start-osd)
    (($# == 3)) || fail "usage: $0 start-osd DIR ID"
    DIR=$2
    launch_osd "$3"
    wait_for "osd.$3 to be up" osd_up "$3"
    ;;
  dashboard)
    (($# == 3)) || fail "usage: $0 dashboard DIR PORT"
    DIR=$2
    start_dashboard "$3"
    ;;
  *)
    fail "usage: $0 start DIR PORT OSDS HOSTS | stop DIR | stop-daemon DIR NAME | start-mon DIR | start-osd DIR ID | dashboard DIR PORT"
    ;;
esac
