#!/usr/bin/env bash
# Installs Debian's redis-server for the Redis tests, only if it is missing (safe to run
# again), and prints its version. The tests start their own throw-away servers (loopback,
# a free port, no persistence) and stop them; this script starts nothing.
#
# Debian's package starts a system-wide server on port 6379 when it is installed, unless
# /usr/sbin/policy-rc.d forbids it (Docker's Debian images ship one that does). Where there
# is none, the script puts one in place for the install and removes it afterwards, so that
# nothing is left running.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
    echo "installing: redis-server"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    # Without a terminal (run by a test), sudo must not wait for a password: -n fails at once.
    [ -n "$sudo_cmd" ] && ! [ -t 0 ] && sudo_cmd="sudo -n"
    policy=/usr/sbin/policy-rc.d
    added_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# added by setup-redis.sh for the install only\nexit 101\n' |
            $sudo_cmd tee "$policy" >/dev/null
        $sudo_cmd chmod 755 "$policy"
        added_policy=yes
    fi
    status=0
    {
        $sudo_cmd apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive timeout 600 $sudo_cmd apt-get install -y -q \
                --no-install-recommends redis-server
    } || status=$?
    [ -n "$added_policy" ] && $sudo_cmd rm -f "$policy"
    if [ $status -ne 0 ]; then
        echo "setup-redis: apt-get install redis-server failed ($status)" >&2
        exit $status
    fi
fi
echo "redis-server: $(redis-server --version)"
