#!/usr/bin/env bash
# Creates .venv-autobahn: Autobahn|Testsuite (wstest) in a Python 2.7 virtualenv, from the
# fully pinned lock Conformance/requirements-py27.txt. Safe to run again: it does nothing
# when the environment is already complete.
#
# Autobahn|Testsuite runs only on Python 2.7. Debian 12 has no python2.7 package; this
# script uses $PYTHON2 if set, else pyenv's 2.7.18, else python2.7 on the PATH.
# virtualenv 20.21.1 is the last release that creates 2.7 environments; it is installed
# into a throw-away Python 3 venv just to create ours.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-autobahn
lock=Conformance/requirements-py27.txt
stamp="$venv/.installed-$(sha256sum "$lock" | cut -c1-16)"

if [ -f "$stamp" ] && "$venv/bin/wstest" --help >/dev/null 2>&1; then
    exit 0
fi

python2=${PYTHON2:-}
if [ -z "$python2" ] && command -v pyenv >/dev/null 2>&1; then
    candidate="$(pyenv root)/versions/2.7.18/bin/python2.7"
    [ -x "$candidate" ] && python2=$candidate
fi
if [ -z "$python2" ]; then
    python2=$(command -v python2.7 || true)
fi
if [ -z "$python2" ] || ! "$python2" -c 'import sys; assert sys.version_info[:2] == (2, 7)'; then
    echo "setup-autobahn: no Python 2.7 found; set PYTHON2=/path/to/python2.7" >&2
    exit 1
fi

rm -rf "$venv" .venv-virtualenv
python3 -m venv .venv-virtualenv
.venv-virtualenv/bin/pip install -q "virtualenv==20.21.1"
.venv-virtualenv/bin/virtualenv -q -p "$python2" "$venv"
rm -rf .venv-virtualenv
"$venv/bin/pip" install -q --no-deps -r "$lock"
"$venv/bin/wstest" --help >/dev/null
touch "$stamp"
echo "setup-autobahn: wstest ready in $venv"
