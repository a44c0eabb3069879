#!/usr/bin/env bash
# Records graphite-web 1.1.8's /render answers (and its function registration) for the golden tests
# (GraphiteGoldenTest, FunctionIndexTest). Needs Debian's graphite-web, python3-whisper and
# python3-django; no network. Writes only into a mktemp scratch directory (removed afterwards) and
# ../resources/graphite-golden/. Set PYTHON to choose the interpreter; by default the first python3
# on PATH that can import graphite is used (a pyenv shim may shadow Debian's).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/graphite-golden"
python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in $(type -ap python3); do
        if "$candidate" -c 'import graphite, whisper, django' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "no python3 on PATH can import graphite, whisper and django (apt install graphite-web)" >&2
    exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"
"$python" "$here/record_graphite_web.py" "$scratch" "$out"
