#!/usr/bin/env bash
# Record the expected results of the redlua conformance suite with the
# reference interpreter (real Lua 5.1.5, `lua5.1`).
#
# For every *.lua below this directory (except redlua-only/, whose expected
# files are written by hand) it runs, from within this directory,
#
#     lua5.1 area/name.lua
#
# and stores next to the script:
#   area/name.out     stdout, byte for byte
#   area/name.err     the first line of stderr only, with the program name
#                     prefix "lua5.1:" replaced by "redlua:" (empty if none)
#   area/name.status  the exit status, only when it is not 0
#
# Usage:
#   ./record.sh            re-record everything
#   ./record.sh --check    record into a temporary directory and compare with
#                          the stored files (determinism / staleness check);
#                          exits 1 if anything differs
#   ./record.sh [--check] FILTER   only scripts whose path contains FILTER
#
# Environment: LUA (default lua5.1), TIMEOUT in seconds (default 60).
set -uo pipefail

cd "$(dirname "$0")" || exit 2

LUA=${LUA:-lua5.1}
TIMEOUT=${TIMEOUT:-60}
mode=record
if [ "${1:-}" = "--check" ]; then
    mode=check
    shift
fi
filter=${1:-}

if ! command -v "$LUA" >/dev/null 2>&1; then
    echo "record.sh: reference interpreter '$LUA' not found" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The program name lua.c puts in front of messages is its argv[0].
prefix="$LUA:"

count=0
problems=0
while IFS= read -r rel; do
    case "$rel" in *"$filter"*) ;; *) continue ;; esac
    base=${rel%.lua}
    if [ "$mode" = check ]; then
        dest="$work/out/$base"
        mkdir -p "$(dirname "$dest")"
    else
        dest=$base
    fi

    timeout -k 5 "$TIMEOUT" "$LUA" "$rel" </dev/null >"$dest.out" 2>"$work/stderr"
    status=$?

    awk -v p="$prefix" 'NR == 1 {
        if (index($0, p) == 1) $0 = "redlua:" substr($0, length(p) + 1)
        print
        exit
    }' "$work/stderr" >"$dest.err"

    if [ "$status" -ne 0 ]; then
        echo "$status" >"$dest.status"
    else
        rm -f "$dest.status"
    fi
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "record.sh: $rel timed out after ${TIMEOUT}s" >&2
        problems=$((problems + 1))
    fi

    if [ "$mode" = check ]; then
        for ext in out err status; do
            if [ -e "$dest.$ext" ] || [ -e "$base.$ext" ]; then
                if ! cmp -s "$dest.$ext" "$base.$ext" 2>/dev/null; then
                    echo "DIFFERS: $base.$ext"
                    diff "$base.$ext" "$dest.$ext" 2>&1 | head -n 6
                    problems=$((problems + 1))
                fi
            fi
        done
    fi
    count=$((count + 1))
done < <(find . -name '*.lua' -not -path './redlua-only/*' | sed 's|^\./||' | LC_ALL=C sort)

if [ "$mode" = check ]; then
    echo "checked $count scripts, $problems difference(s)"
else
    echo "recorded $count scripts"
fi
[ "$problems" -eq 0 ]
