#!/usr/bin/env bash
# Installs what the tests use besides Swift, only if it is missing (safe to run again).
#   curl       the HTTP tests drive the server with real curl
#   nc         the chapters' transcripts use netcat; the demo tests do not need it
#   node       Debian's nodejs runs the official Socket.IO client bundles as a peer
#              (the msgpack tests ask its encoder and decoder)
#   peers      .venv-peers: Python's websockets and python-socketio, pinned, for the interop
#              tests (Scripts/setup-python-peers.sh)
#   chromium   Debian's, for the browser test, checked to run headless here
#              (Scripts/install-browser.sh)
#   redis      Debian's redis-server, which the Redis tests start on loopback
#              (Scripts/setup-redis.sh)
# Autobahn|Testsuite has its own environment, which Scripts/autobahn.sh sets up.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v nc >/dev/null 2>&1 || missing+=(netcat-openbsd)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${missing[@]}"
fi
echo "curl: $(curl --version | head -1)"
echo "node: $(node --version)"
Scripts/setup-python-peers.sh
Scripts/install-browser.sh
Scripts/setup-redis.sh
