#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only those missing.
# Silent when everything is already present. Needs root (or fails naming the packages) when something is missing.
set -euo pipefail

missing=()

# need CHECK PACKAGE...: queue PACKAGE... for installation unless the shell command CHECK succeeds.
need() {
  local check=$1
  shift
  if ! bash -c "$check" >/dev/null 2>&1; then
    missing+=("$@")
  fi
}

# One line per real peer the tests drive; later additions:
#   need 'command -v chromium && command -v chromedriver' chromium chromium-driver
need 'compgen -G "/usr/lib/postgresql/*/bin/initdb"' postgresql
# The private Ceph cluster (io.calamari.testkit.CephCluster) and librados for the JNA client.
need 'command -v ceph-mon && command -v ceph-osd && command -v ceph-mgr && command -v ceph && command -v ceph-authtool && command -v monmaptool' ceph-mon ceph-osd ceph-mgr ceph-common
need 'compgen -G "/usr/lib/*/librados.so.2" || compgen -G "/usr/lib/librados.so.2"' librados2
need 'command -v pgrep && command -v ps' procps
# Real metric senders for the carbon listeners: collectd's write_graphite plugin, Python's pickle.
need 'command -v collectd && test -f /usr/lib/collectd/write_graphite.so' collectd-core
need 'command -v python3' python3

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-test-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-test-deps: install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${missing[*]}" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
