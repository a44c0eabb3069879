#!/bin/sh
# Records graphite-web 1.1.8's /render answers for the golden test (GraphiteGoldenTest).
# Needs Debian's graphite-web, python3-whisper and python3-django; no network. Writes only into
# a mktemp scratch directory (removed afterwards) and ../resources/graphite-golden/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/graphite-golden"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"
# Debian's python3, where graphite-web lives, not whatever python3 comes first on PATH.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" "$here/record_graphite_web.py" "$scratch" "$out"
