#!/usr/bin/env bash
# Runs every check, exactly as CI does (.ci/run calls this script and nothing else):
#
#   tools       install what the tests need (idempotent, pinned)
#   build       the package and its tests, warnings as errors
#   test        swift test, every test target
#   tsan        the event-loop, WebSocket, Engine.IO, Socket.IO and Redis tests again under
#               ThreadSanitizer, one test at a time (each test still runs its loops and
#               clients on many threads, which is what the sanitizer watches; tests running
#               side by side, under the sanitizer, made every thread wait on the Swift
#               runtime's locks)
#   exercises   swift run grade verify: every starter fails, every solution passes
#   autobahn    Autobahn|Testsuite 1-10 against ws-echo and ws-autobahn-client (301 cases each);
#               it needs a Python 2.7 (Scripts/setup-autobahn.sh says where it looks): without
#               one the step is skipped, with the reason and the fix, unless CI is set
#   format      swift format lint --strict
#   excerpts    every tutorial excerpt matches the code it quotes
#   imports     every module a target imports is declared in Package.swift (the checker
#               first tests itself)
#
# Each step prints its duration; the script exits non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -a names=() results=() durations=()
failed=0

run_step() {
    local name=$1
    shift
    printf '\n==> %s: %s\n' "$name" "$*"
    local start=$SECONDS
    "$@"
    local status=$?
    local elapsed=$((SECONDS - start))
    names+=("$name")
    durations+=("$elapsed")
    if [ $status -eq 0 ]; then
        results+=("ok")
    else
        results+=("FAILED ($status)")
        failed=1
    fi
    printf '<== %s: %s in %ss\n' "$name" "${results[-1]}" "$elapsed"
    return $status
}

skip_step() {
    printf '\n==> %s: skipped: %s\n' "$1" "$2"
    names+=("$1")
    durations+=(0)
    results+=("skipped: $2")
}

run_step tools Scripts/install-test-tools.sh
if run_step build swift build --build-tests -Xswiftc -warnings-as-errors; then
    run_step test swift test --skip-build
    run_step tsan timeout 1500 swift test --sanitize=thread --scratch-path .build-tsan \
        --no-parallel --filter "EventLoopTests|WebSocketsTests|EngineIOTests|SocketIOTests|RedisTests"
    run_step exercises swift run --skip-build grade verify
    # CI must never skip it: there, a missing Python 2.7 fails the step.
    if [ -z "${CI:-}" ] && ! why=$(Scripts/setup-autobahn.sh --check 2>&1); then
        skip_step autobahn "$why"
    else
        run_step autobahn timeout 900 Scripts/autobahn.sh all
    fi
else
    skip_step test "the build failed"
    skip_step tsan "the build failed"
    skip_step exercises "the build failed"
    skip_step autobahn "the build failed"
fi
run_step format swift format lint --strict --recursive Package.swift Sources Tests Exercises
run_step excerpts python3 Scripts/check-excerpts.py
run_step imports python3 Scripts/check-imports.py --self-test

printf '\n%-10s %7s  %s\n' step seconds result
for i in "${!names[@]}"; do
    printf '%-10s %7s  %s\n' "${names[$i]}" "${durations[$i]}" "${results[$i]}"
done
printf 'total: %ss\n' "$SECONDS"
exit $failed
