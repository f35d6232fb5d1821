#!/usr/bin/env bash
# Creates .venv-autobahn: Autobahn|Testsuite (wstest) in a Python 2.7 virtualenv, from the
# fully pinned lock Conformance/requirements-py27.txt. Safe to run again: it does nothing
# when the environment is already complete.
#
#   Scripts/setup-autobahn.sh           set it up
#   Scripts/setup-autobahn.sh --check   install nothing; exit 0 if it could be set up (it
#                                       is ready, or there is a Python 2.7 to make it
#                                       from), else print why and the fix, and exit 1
#
# Autobahn|Testsuite runs only on Python 2.7, and Debian 12 has no python2.7 package. The
# Python 2.7 used is $PYTHON2 if set (that one only), else pyenv's 2.7.18, else python2.7
# on the PATH; `pyenv install 2.7.18` provides one. virtualenv 20.21.1 is the last release
# that creates 2.7 environments; it is installed into a throw-away Python 3 venv just to
# create ours.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-autobahn
lock=Conformance/requirements-py27.txt
stamp="$venv/.installed-$(sha256sum "$lock" | cut -c1-16)"
check_only=false
case ${1:-} in
"") ;;
--check) check_only=true ;;
*)
    echo "usage: Scripts/setup-autobahn.sh [--check]" >&2
    exit 2
    ;;
esac

if [ -f "$stamp" ] && "$venv/bin/wstest" --help >/dev/null 2>&1; then
    exit 0
fi

# Prints the first Python 2.7 among the candidates, or fails.
find_python2() {
    local -a candidates=()
    if [ -n "${PYTHON2:-}" ]; then
        candidates=("$PYTHON2")
    else
        command -v pyenv >/dev/null 2>&1 && candidates+=("$(pyenv root)/versions/2.7.18/bin/python2.7")
        command -v python2.7 >/dev/null 2>&1 && candidates+=("$(command -v python2.7)")
    fi
    local candidate
    for candidate in "${candidates[@]}"; do
        if "$candidate" -c 'import sys; assert sys.version_info[:2] == (2, 7)' >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! python2=$(find_python2); then
    if [ -n "${PYTHON2:-}" ]; then
        why="PYTHON2=$PYTHON2 is not a Python 2.7"
    else
        why="no Python 2.7 found (\$PYTHON2, pyenv's 2.7.18, python2.7 on the PATH)"
    fi
    echo "$why; fix: pyenv install 2.7.18, or PYTHON2=/path/to/python2.7" >&2
    exit 1
fi
if $check_only; then
    echo "setup-autobahn: would use $python2"
    exit 0
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
