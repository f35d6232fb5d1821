#!/usr/bin/env bash
# bench-ws.sh: one command for the WebSocket benchmark: our ws-echo against the C
# reference server (Benchmarks/reference/cserver.c), measured in the same run.
#
#   Scripts/bench-ws.sh [--rounds N] [--duration S] [--idle-conns N] [--server-args "ARGS"]
#
# Builds ws-echo in release mode (.build-release, as bench-http.sh does) and cserver and
# wsload with gcc -O2 into .build-bench/ (only when a source changed), then:
#   echo   in N interleaved rounds (default 3; the order flips every round), wsload -c 100
#          -s 32 and -c 100 -s 65536 for S seconds (default 10, after a 2 s warm-up)
#          against each server; prints medians and ratio = ours / cserver.
#   idle   a fresh instance of each server holds --idle-conns (default 5,000) idle
#          connections (wsload -i); its VmRSS (/proc/PID/status) before and while they
#          are held gives KiB per connection.
# Server and load generator share the machine's cores: every figure is a same-run ratio,
# and wsload's own CPU share (client_util, % of one core) is printed beside it.
# Exits non-zero if a run failed or wsload counted errors (lost, short or unexpected
# echoes, closed connections). Raw SUMMARY lines: .build-bench/ws-results.txt.
#
# Environment:
#   WS_ECHO_CMD   the server under test instead of .build-release/release/ws-echo, split
#                 into words; `{port}` in it is replaced by the port, else
#                 `--host 127.0.0.1 --port PORT` is appended. E.g., cserver standing in
#                 for ours (ratio ~1.0): WS_ECHO_CMD='.build-bench/cserver {port}'
# --server-args   extra arguments for our server; by default `--loops 1` (one event loop,
#                 like cserver) when its --help mentions --loops.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

rounds=3
duration=10
idle_conns=5000
server_args=""
server_args_set=0
while [ $# -gt 0 ]; do
    case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --idle-conns) idle_conns=$2; shift 2 ;;
    --server-args) server_args=$2; server_args_set=1; shift 2 ;;
    *)
        echo "usage: Scripts/bench-ws.sh [--rounds N] [--duration S] [--idle-conns N] [--server-args \"ARGS\"]" >&2
        exit 2
        ;;
    esac
done
out=$root/.build-bench
mkdir -p "$out"
results=$out/ws-results.txt
: >"$results"

# Every process runs under timeout (bounded even if this script is killed outright) and
# is stopped on exit; timeout's process group holds whatever a wrapper command started.
pids=()
stop_pid() {
    local pid=$1
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local pid
    for pid in "${pids[@]}"; do stop_pid "$pid"; done
    pids=()
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Tools: the reference server and the load generator, rebuilt only when a source changed.
src=Benchmarks/reference
for tool in cserver wsload; do
    deps=("$src/$tool.c" "$src/common.h")
    [ "$tool" = wsload ] && deps+=("$src/wsclient.h")
    stale=0
    [ -x "$out/$tool" ] || stale=1
    for dep in "${deps[@]}"; do [ "$dep" -nt "$out/$tool" ] && stale=1; done
    if [ $stale -eq 1 ]; then
        echo "==> gcc -O2 -o .build-bench/$tool $src/$tool.c"
        gcc -O2 -o "$out/$tool" "$src/$tool.c"
    fi
done

# The server under test.
if [ -n "${WS_ECHO_CMD:-}" ]; then
    read -ra ours_cmd <<<"$WS_ECHO_CMD"
else
    swift build -c release --scratch-path .build-release --product ws-echo
    ours_cmd=("$root/.build-release/release/ws-echo")
fi
if [ $server_args_set -eq 0 ] && [[ "${ours_cmd[*]}" != *"{port}"* ]] &&
    timeout 20 "${ours_cmd[@]}" --help 2>&1 | grep -q -- '--loops'; then
    server_args="--loops 1"
fi
read -ra ours_args <<<"$server_args"

# 5,000 connections need as many descriptors in the server and in wsload.
need=$((idle_conns + 200))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $need ]; then
    hard=$(ulimit -Hn)
    if [ "$hard" != unlimited ] && [ "$hard" -lt $need ]; then
        echo "bench-ws: ulimit -Hn is $hard; $need descriptors are needed for --idle-conns $idle_conns" >&2
        exit 1
    fi
    ulimit -n $need
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME PORT: starts cserver or ours; sets server_pid (the timeout wrapper)
# and server_proc (the process that owns the listening socket, whose RSS we read).
start_server() {
    local name=$1 port=$2 log=$out/$1.log
    local -a cmd
    if [ "$name" = cserver ]; then
        cmd=("$out/cserver" "$port")
    elif [[ "${ours_cmd[*]}" == *"{port}"* ]]; then
        cmd=("${ours_cmd[@]//\{port\}/$port}" "${ours_args[@]}")
    else
        cmd=("${ours_cmd[@]}" --host 127.0.0.1 --port "$port" "${ours_args[@]}")
    fi
    timeout --kill-after=10 3600 "${cmd[@]}" >"$log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    local deadline=$((SECONDS + 60))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$server_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            echo "bench-ws: $name (${cmd[*]}) did not listen on 127.0.0.1:$port:" >&2
            tail -20 "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    server_proc=$(ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\),.*/\1/p' | head -1)
    if [ -z "$server_proc" ]; then
        echo "bench-ws: no process owns the listening socket on port $port" >&2
        exit 1
    fi
    echo "    $name: ${cmd[*]} (pid $server_proc)"
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

failed=0
# run_echo ROUND NAME PORT SIZE
run_echo() {
    local line status=0
    line=$(timeout $((duration + 90)) "$out/wsload" -p "$3" -c 100 -s "$4" -d "$duration" \
        | grep '^SUMMARY') || status=$?
    if [ $status -ne 0 ] || [ -z "$line" ]; then
        echo "    round $1 $2 size=$4: wsload failed (status $status)" >&2
        failed=1
        return
    fi
    echo "round=$1 server=$2 $line" >>"$results"
    local errors=${line##*errors=}
    errors=${errors%% *}
    [ "$errors" = 0 ] || failed=1
    printf '    round %s %-8s %6s B: %s\n' "$1" "$2" "$4" "${line#SUMMARY mode=echo }"
}

# run_idle NAME: a fresh server, RSS before and while idle_conns connections are held.
run_idle() {
    local name=$1 port
    port=$(free_port)
    start_server "$name" "$port"
    sleep 1
    local before held wsload_pid log=$out/idle-$name.log
    before=$(rss_kib "$server_proc")
    timeout $((duration + 120)) "$out/wsload" -p "$port" -c "$idle_conns" -i -d "$duration" >"$log" 2>&1 &
    wsload_pid=$!
    pids+=("$wsload_pid")
    local deadline=$((SECONDS + 90))
    until grep -q '^ALL_CONNECTED' "$log"; do
        if ! kill -0 "$wsload_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            echo "bench-ws: wsload -i against $name never connected:" >&2
            tail -5 "$log" >&2
            failed=1
            stop_pid "$server_pid"
            return
        fi
        sleep 0.1
    done
    sleep 2
    held=$(rss_kib "$server_proc")
    local status=0
    wait "$wsload_pid" || status=$?
    local summary
    summary=$(grep '^SUMMARY' "$log" || true)
    echo "idle server=$name before_kib=$before held_kib=$held $summary" >>"$results"
    echo "    $name: VmRSS ${before} KiB before, ${held} KiB with the connections held; $(grep '^connect:' "$log")"
    local open=${summary##*open_at_end=}
    open=${open%% *}
    if [ $status -ne 0 ] || [ -z "$summary" ] || [ "$open" != "$idle_conns" ]; then
        echo "bench-ws: wsload -i against $name: status $status, $summary" >&2
        failed=1
    fi
    stop_pid "$server_pid"
}

echo "==> echo: wsload -c 100, $rounds interleaved rounds of ${duration}s"
cport=$(free_port)
start_server cserver "$cport"
oport=$(free_port)
start_server ours "$oport"
for round in $(seq "$rounds"); do
    for size in 32 65536; do
        if [ $((round % 2)) -eq 1 ]; then order=(cserver ours); else order=(ours cserver); fi
        for name in "${order[@]}"; do
            if [ "$name" = cserver ]; then port=$cport; else port=$oport; fi
            run_echo "$round" "$name" "$port" "$size"
        done
    done
done
cleanup

echo "==> idle: $idle_conns connections held for ${duration}s (wsload -i), fresh servers"
run_idle cserver
run_idle ours

python3 - "$results" "$rounds" "$idle_conns" <<'EOF'
import statistics
import sys

path, rounds, idle_conns = sys.argv[1], sys.argv[2], int(sys.argv[3])
echo, idle = {}, {}
for line in open(path):
    fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
    if line.startswith("idle "):
        idle[fields["server"]] = fields
    elif fields.get("mode") == "echo":
        echo.setdefault((int(fields["size"]), fields["server"]), []).append(fields)


def median(runs, key):
    return statistics.median(float(r[key]) for r in runs) if runs else float("nan")


print(f"\nWebSocket echo, wsload -c 100 -w 1; medians of {rounds} interleaved rounds; server and")
print("wsload share the machine's cores (wsload's CPU: client_util, % of one core)")
print(f"{'workload':<12} {'cserver msg/s':>13} {'ours msg/s':>11} {'ratio':>6}   "
      f"{'p50/p99 us cserver':>19} {'ours':>15}   {'wsload cpu c/o':>14}   ratio per round")
for size, label in ((32, "echo 32 B"), (65536, "echo 64 KiB")):
    c, o = echo.get((size, "cserver"), []), echo.get((size, "ours"), [])
    cm, om = median(c, "msgs_per_s"), median(o, "msgs_per_s")
    ratio = om / cm if cm else float("nan")
    lat = lambda runs: f"{median(runs, 'p50_us'):.0f}/{median(runs, 'p99_us'):.0f}"
    util = f"{median(c, 'client_util'):.0f}%/{median(o, 'client_util'):.0f}%"
    by_round = {r["round"]: float(r["msgs_per_s"]) for r in c}
    spread = " ".join(f"{float(r['msgs_per_s']) / by_round[r['round']]:.2f}"
                      for r in o if by_round.get(r["round"]))
    print(f"{label:<12} {cm:>13.0f} {om:>11.0f} {ratio:>5.2f}x   {lat(c):>19} {lat(o):>15}   "
          f"{util:>14}   {spread}")

print(f"\nIdle connections: {idle_conns} held (wsload -i); server VmRSS")
print(f"{'server':<8} {'before KiB':>10} {'held KiB':>9} {'open':>5} {'KiB/conn':>8}")
per = {}
for name in ("cserver", "ours"):
    f = idle.get(name)
    if not f:
        print(f"{name:<8} (no measurement)")
        continue
    before, held, opened = int(f["before_kib"]), int(f["held_kib"]), int(f.get("open_at_end", 0))
    per[name] = (held - before) / opened if opened else float("nan")
    print(f"{name:<8} {before:>10} {held:>9} {opened:>5} {per[name]:>8.1f}")
if len(per) == 2 and per["cserver"]:
    print(f"ratio ours/cserver: {per['ours'] / per['cserver']:.2f}x")
EOF
[ $failed -eq 0 ] || echo "bench-ws: some runs failed or counted errors (see above)" >&2
exit $failed
