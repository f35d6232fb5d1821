#!/usr/bin/env bash
# bench-http.sh: one command for the HTTP benchmark (issue 3).
#
# Builds http-server and http-bench in release mode, then runs wrk against our
# /plaintext and against the C reference server (Benchmarks/reference/cserver.c) in
# interleaved rounds, and prints req/s and the ratio for each workload.
# Arguments are passed to http-bench: --rounds N --duration S --loops N.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is missing; installing it (apt-get install wrk)" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q wrk
fi
swift build -c release --scratch-path .build-release --product http-server
swift build -c release --scratch-path .build-release --product http-bench
exec .build-release/release/http-bench "$@"
