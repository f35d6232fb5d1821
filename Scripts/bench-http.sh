#!/bin/sh
# bench-http.sh: one command for the HTTP benchmark (issue 3).
#
# Builds http-server and http-bench in release mode, then runs wrk against our
# /plaintext and against the C reference server (Benchmarks/reference/cserver.c) in
# interleaved rounds, and prints req/s and the ratio for each workload.
# Arguments are passed to http-bench: --rounds N --duration S --loops N.
set -eu
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is missing; installing it (apt-get install wrk)" >&2
    apt-get update -qq && apt-get install -y -qq wrk
fi
swift build -c release --scratch-path .build-release --product http-server
swift build -c release --scratch-path .build-release --product http-bench
exec .build-release/release/http-bench "$@"
