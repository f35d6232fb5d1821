#!/usr/bin/env bash
# autobahn.sh: RFC 6455 conformance with Autobahn|Testsuite, groups 1-10 (301 cases; no
# permessage-deflate, groups 12 and 13), for our WebSocket server and client.
#
#   Scripts/autobahn.sh [server|client|all]          (default: all)
#
#   server  starts the echo server on a free loopback port and runs
#           `wstest -m fuzzingclient` against it      report: .build-autobahn/server/
#   client  starts `wstest -m fuzzingserver` on a free loopback port and runs the
#           client driver against it                  report: .build-autobahn/client/
#
# Each report is then checked by Scripts/check-autobahn.py (every case passed, none
# missing, closes OK); the script exits non-zero if a suite or its check failed.
# wstest runs from .venv-autobahn (Scripts/setup-autobahn.sh, run first: idempotent).
# The specs are filled in from Conformance/autobahn-fuzzing{client,server}.json.
#
# Environment:
#   WS_ECHO_CMD       the echo server under test, split into words; it is started with
#                     `--host 127.0.0.1 --port 0` appended and must print
#                     `listening on HOST:PORT` first. Default: .build/debug/ws-echo, built
#                     first (swift build --product ws-echo).
#   WS_CLIENT_CMD     the client driver under test, run with AUTOBAHN_URL and
#                     AUTOBAHN_AGENT set. Default: .build/debug/ws-autobahn-client, built first.
#   AUTOBAHN_AGENT    the agent name in the reports (default SocketLadder)
#   AUTOBAHN_TIMEOUT  seconds one suite may run (default 900; cases 1-10 take ~1-2 min)
#   PYTHON2           Python 2.7 for setup-autobahn.sh
#
# Stand-ins on Python's websockets (for testing this script; Scripts/setup-python-peers.sh):
#   WS_ECHO_CMD=".venv-peers/bin/python Conformance/standins/ws_echo.py" \
#   WS_CLIENT_CMD=".venv-peers/bin/python Conformance/standins/autobahn_client.py" \
#   AUTOBAHN_AGENT=websockets Scripts/autobahn.sh all
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=${1:-all}
case $mode in
server | client | all) ;;
*)
    echo "usage: Scripts/autobahn.sh [server|client|all]" >&2
    exit 2
    ;;
esac
agent=${AUTOBAHN_AGENT:-SocketLadder}
suite_timeout=${AUTOBAHN_TIMEOUT:-900}
out=$root/.build-autobahn
wstest=$root/.venv-autobahn/bin/wstest

# Every process this script starts runs under `timeout` (bounded even if this script is
# killed outright) and is stopped on exit. timeout puts itself and its child in their own
# process group, so killing the group also reaches whatever a wrapper command started.
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs "$@" in the background under timeout and waits for it, so that a signal to this
# script runs the trap at once instead of after the child ends.
run_bounded() {
    local seconds=$1
    shift
    timeout --kill-after=10 "$seconds" "$@" &
    local pid=$!
    pids+=("$pid")
    local status=0
    wait "$pid" || status=$?
    return $status
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# fill_spec TEMPLATE OUTFILE URL OUTDIR
fill_spec() {
    sed -e "s|@URL@|$3|g" -e "s|@OUTDIR@|$4|g" -e "s|@AGENT@|$agent|g" "$1" >"$2"
}

# The case ids wstest will run for a spec, from wstest's own resolver (for the checker).
expected_cases() {
    "$root/.venv-autobahn/bin/python" -c '
import json, sys
from autobahntestsuite.case import Cases, CaseCategories, CaseSubCategories, CaseSetname, CaseBasename
from autobahntestsuite.caseset import CaseSet
cases = CaseSet(CaseSetname, CaseBasename, Cases, CaseCategories, CaseSubCategories)
print("\n".join(cases.parseSpecCases(json.load(open(sys.argv[1])))))' "$1"
}

build_product() {
    echo "==> swift build --product $1"
    swift build --product "$1"
}

# (The suites run inside `if`, where set -e does not apply: each step checks its status.)

# Server suite: our echo server, wstest as the client.
run_server_suite() {
    local dir=$out/server
    rm -rf "$dir"
    mkdir -p "$dir"
    local -a cmd
    if [ -n "${WS_ECHO_CMD:-}" ]; then
        read -ra cmd <<<"$WS_ECHO_CMD"
    else
        build_product ws-echo || return 1
        cmd=("$root/.build/debug/ws-echo")
    fi
    echo "==> server suite: ${cmd[*]} --host 127.0.0.1 --port 0"
    # stdbuf: the first line must reach the log at once, even if the server's stdout is
    # block-buffered (as C stdio and Swift's print are when it is not a terminal).
    timeout --kill-after=10 $((suite_timeout + 60)) stdbuf -oL "${cmd[@]}" \
        --host 127.0.0.1 --port 0 >"$dir/server.log" 2>&1 &
    local server=$!
    pids+=("$server")
    local address="" deadline=$((SECONDS + 60))
    while [ -z "$address" ]; do
        address=$(sed -n '1s/^listening on \([^ ]*:[0-9][0-9]*\)$/\1/p' "$dir/server.log")
        [ -n "$address" ] && break
        if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            echo "autobahn: the echo server did not print 'listening on HOST:PORT':" >&2
            tail -20 "$dir/server.log" >&2
            return 1
        fi
        sleep 0.1
    done
    fill_spec Conformance/autobahn-fuzzingclient.json "$dir/spec.json" "ws://$address" "$dir" || return 1
    expected_cases "$dir/spec.json" >"$dir/expected-cases.txt" || return 1
    echo "    echo server on $address; wstest -m fuzzingclient, $(wc -l <"$dir/expected-cases.txt") cases, at most ${suite_timeout}s (log: $dir/wstest.log)"
    local start=$SECONDS status=0
    run_bounded "$suite_timeout" "$wstest" -m fuzzingclient -s "$dir/spec.json" \
        >"$dir/wstest.log" 2>&1 || status=$?
    echo "    wstest finished in $((SECONDS - start))s (status $status)"
    if [ $status -ne 0 ]; then
        [ $status -eq 124 ] && echo "autobahn: wstest timed out after ${suite_timeout}s" >&2
        tail -20 "$dir/wstest.log" >&2
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "autobahn: the echo server is no longer running (crashed?):" >&2
        tail -20 "$dir/server.log" >&2
        status=1
    fi
    cleanup
    python3 Scripts/check-autobahn.py "$dir/index.json" || status=1
    return $status
}

# Client suite: wstest as the server, our client driver.
run_client_suite() {
    local dir=$out/client
    rm -rf "$dir"
    mkdir -p "$dir"
    local -a cmd
    if [ -n "${WS_CLIENT_CMD:-}" ]; then
        read -ra cmd <<<"$WS_CLIENT_CMD"
    else
        build_product ws-autobahn-client || return 1
        cmd=("$root/.build/debug/ws-autobahn-client")
    fi
    local port
    port=$(free_port) || return 1
    fill_spec Conformance/autobahn-fuzzingserver.json "$dir/spec.json" "ws://127.0.0.1:$port" "$dir" || return 1
    expected_cases "$dir/spec.json" >"$dir/expected-cases.txt" || return 1
    echo "==> client suite: wstest -m fuzzingserver on 127.0.0.1:$port (log: $dir/wstest.log)"
    timeout --kill-after=10 $((suite_timeout + 60)) \
        "$wstest" -m fuzzingserver -s "$dir/spec.json" --webport 0 >"$dir/wstest.log" 2>&1 &
    local server=$!
    pids+=("$server")
    local deadline=$((SECONDS + 60))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            echo "autobahn: wstest -m fuzzingserver did not listen on port $port:" >&2
            tail -20 "$dir/wstest.log" >&2
            return 1
        fi
        sleep 0.2
    done
    echo "    ${cmd[*]}: $(wc -l <"$dir/expected-cases.txt") cases, at most ${suite_timeout}s (log: $dir/client.log)"
    local start=$SECONDS status=0
    AUTOBAHN_URL="ws://127.0.0.1:$port" AUTOBAHN_AGENT="$agent" \
        run_bounded "$suite_timeout" "${cmd[@]}" >"$dir/client.log" 2>&1 || status=$?
    echo "    client driver finished in $((SECONDS - start))s (status $status)"
    if [ $status -ne 0 ]; then
        [ $status -eq 124 ] && echo "autobahn: the client driver timed out after ${suite_timeout}s" >&2
        tail -20 "$dir/client.log" >&2
    fi
    cleanup
    python3 Scripts/check-autobahn.py "$dir/index.json" || status=1
    return $status
}

Scripts/setup-autobahn.sh
failed=0
summary=()
for suite in server client; do
    [ "$mode" = all ] || [ "$mode" = "$suite" ] || continue
    start=$SECONDS
    if "run_${suite}_suite"; then
        summary+=("$suite suite: passed in $((SECONDS - start))s")
    else
        summary+=("$suite suite: FAILED in $((SECONDS - start))s (report: $out/$suite/)")
        failed=1
    fi
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
