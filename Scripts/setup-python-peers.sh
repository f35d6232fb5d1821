#!/usr/bin/env bash
# Creates .venv-peers: a Python 3 virtualenv with the real peers our WebSocket and
# Socket.IO layers are tested against (websockets, python-socketio, python-engineio,
# aiohttp), from the fully pinned lock Conformance/requirements-peers.txt. Safe to run
# again: it does nothing when the environment is already complete.
#
# Uses $PYTHON3 if set, else python3 on the PATH (3.10 or newer: websockets 17 needs it).
# The lock is installed with --no-deps, so nothing unpinned comes in.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-peers
lock=Conformance/requirements-peers.txt
stamp="$venv/.installed-$(sha256sum "$lock" | cut -c1-16)"
check='import websockets, socketio, engineio, aiohttp'

if [ -f "$stamp" ] && "$venv/bin/python" -c "$check" >/dev/null 2>&1; then
    echo "setup-python-peers: $venv is ready"
    exit 0
fi

python3=${PYTHON3:-$(command -v python3 || true)}
if [ -z "$python3" ] || ! "$python3" -c 'import sys; assert sys.version_info >= (3, 10)'; then
    echo "setup-python-peers: no Python 3.10 or newer found; set PYTHON3=/path/to/python3" >&2
    exit 1
fi

rm -rf "$venv"
"$python3" -m venv "$venv"
timeout 600 "$venv/bin/pip" install -q --no-deps -r "$lock"
"$venv/bin/python" -c "$check"
"$venv/bin/pip" check >/dev/null
touch "$stamp"
versions=$("$venv/bin/python" -c 'from importlib.metadata import version as v
print(", ".join(p + " " + v(p) for p in ("websockets", "python-socketio", "python-engineio", "aiohttp")))')
echo "setup-python-peers: $versions in $venv"
