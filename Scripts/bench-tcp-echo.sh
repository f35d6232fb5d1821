#!/usr/bin/env bash
# TCP echo benchmark: the event loop (callbacks and async/await) against a
# thread-per-connection server, measured in the same run. Release build.
# Usage: Scripts/bench-tcp-echo.sh [tcp-echo-bench options, e.g. --connections 100]
set -euo pipefail
cd "$(dirname "$0")/.."
for product in tcp-echo-bench echo-async echo-server; do
    swift build -c release --scratch-path .build-release --product "$product" >&2
done
exec .build-release/release/tcp-echo-bench "$@"
