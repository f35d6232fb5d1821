#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests, only if it is missing (safe to run
# again), prints its version, and checks that it runs headless here: it loads a small
# local page whose script changes the DOM after a 2 s timer and reads the DOM back.
#
# The flags that work (as root, without a display):
#   chromium --headless --no-sandbox --disable-gpu --user-data-dir=DIR \
#            --virtual-time-budget=5000 --dump-dom file:///path/page.html
#   --no-sandbox            required as root ("Running as root without --no-sandbox is
#                           not supported")
#   --virtual-time-budget   without it --dump-dom prints the DOM right after the load
#                           event, before timers, WebSocket or fetch callbacks have run;
#                           with it, virtual time runs ahead (a 2 s timer fires at once)
#                           while real network work (a WebSocket to loopback) completes
#   --user-data-dir         a throw-away profile, instead of ~/.config/chromium-headless
# The launcher's "[: ...: unexpected operator" line and the dbus errors on stderr are
# harmless (no system bus in a container).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing: chromium"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    # Without a terminal (run by a test), sudo must not wait for a password: -n fails at once.
    [ -n "$sudo_cmd" ] && ! [ -t 0 ] && sudo_cmd="sudo -n"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive timeout 900 $sudo_cmd apt-get install -y -q chromium
fi
echo "chromium: $(chromium --version 2>/dev/null)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/page.html" <<'HTML'
<!doctype html><html><body><p id="out">script did not run</p>
<script>
setTimeout(() => { document.getElementById('out').textContent = 'timer ' + (6 * 7); }, 2000);
</script></body></html>
HTML
start=$(date +%s%N)
dom=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
    --virtual-time-budget=5000 --dump-dom "file://$work/page.html" 2>"$work/stderr") || {
    echo "install-browser: chromium --headless failed:" >&2
    tail -20 "$work/stderr" >&2
    exit 1
}
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
if ! grep -q '<p id="out">timer 42</p>' <<<"$dom"; then
    echo "install-browser: headless chromium ran, but the page's script did not; the DOM:" >&2
    echo "$dom" >&2
    exit 1
fi
echo "chromium: headless --dump-dom ran the page's script in ${elapsed_ms} ms (start to exit)"
