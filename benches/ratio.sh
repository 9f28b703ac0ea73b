#!/usr/bin/env bash
# Side-by-side timing of redlua against the reference lua5.1 interpreter.
#
#   benches/ratio.sh [filter]
#
# Builds target/release/redlua, then for each benches/lua/*.lua whose name
# contains FILTER (all of them without one):
#   * runs both interpreters once, compares their output (stdout + stderr +
#     exit status) and records peak RSS with /usr/bin/time -f %M;
#   * times both with hyperfine (--warmup 1 --runs 5, median reported), or,
#     without hyperfine, with a bash loop of 3 runs keeping the best;
# and prints a table with ratio = redlua / lua5.1 (below 1: redlua faster),
# followed by the geometric mean of the ratios.
#
# Environment: LUA (default lua5.1), REDLUA (default target/release/redlua),
# RUNS (hyperfine runs, default 5), NO_BUILD=1 to skip the cargo build.
# Exit status: 1 if any benchmark's output differs or fails under either
# interpreter.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
filter=${1:-}
LUA=${LUA:-lua5.1}
REDLUA=${REDLUA:-$root/target/release/redlua}
RUNS=${RUNS:-5}

die() { echo "ratio.sh: $*" >&2; exit 2; }

command -v "$LUA" >/dev/null 2>&1 || die "reference interpreter '$LUA' not found"

if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "building redlua (release)..." >&2
    (cd "$root" && cargo build --release --quiet --bin redlua) || die "cargo build failed"
fi
[ -x "$REDLUA" ] || die "$REDLUA not found or not executable"

have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
TIME_BIN=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    TIME_BIN=/usr/bin/time
else
    echo "note: GNU time not found (apt-get install -y time); peak RSS not reported" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Benchmarks are run from benches/ with a relative script path, so any error
# message naming the chunk is the same for both interpreters.
cd "$here" || die "cannot cd to $here"

# run_once INTERP SCRIPT OUTFILE RSSFILE: runs once, output (stdout, stderr,
# exit status) to OUTFILE, peak RSS in KB to RSSFILE ("-" if unknown).
run_once() {
    local interp=$1 script=$2 out=$3 rss=$4 st
    if [ -n "$TIME_BIN" ]; then
        "$TIME_BIN" -f %M -o "$rss" "$interp" "$script" >"$out" 2>"$out.err"
        st=$?
        # GNU time prefixes a "Command exited with non-zero status" line.
        tail -n 1 "$rss" >"$rss.tmp" && mv "$rss.tmp" "$rss"
    else
        "$interp" "$script" >"$out" 2>"$out.err"
        st=$?
        echo - >"$rss"
    fi
    # lua5.1 and redlua name themselves in error messages; normalise that.
    sed -e "s#^$(basename "$interp"): #LUA: #" "$out.err" >>"$out"
    echo "exit status $st" >>"$out"
    return $st
}

# time_pair SCRIPT: prints "<lua seconds> <redlua seconds>".
time_pair() {
    local script=$1 name json
    name=$(basename "$script" .lua)
    if [ $have_hyperfine = 1 ]; then
        json=$tmp/$name.json
        hyperfine --warmup 1 --runs "$RUNS" --style none \
            --export-json "$json" \
            -n lua5.1 "'$LUA' '$script'" \
            -n redlua "'$REDLUA' '$script'" >/dev/null 2>"$tmp/$name.hf.err" \
            || { cat "$tmp/$name.hf.err" >&2; echo "- -"; return; }
        if [ $have_jq = 1 ]; then
            jq -r '[.results[].median] | map(tostring) | join(" ")' "$json"
        else
            grep -o '"median": *[0-9.eE+-]*' "$json" | sed 's/.*: *//' | tr '\n' ' '
            echo
        fi
    else
        local interp best t0 t1 t i
        for interp in "$LUA" "$REDLUA"; do
            best=""
            for i in 1 2 3; do
                t0=$(date +%s%N)
                "$interp" "$script" >/dev/null 2>&1
                t1=$(date +%s%N)
                t=$(( t1 - t0 ))
                if [ -z "$best" ] || [ $t -lt $best ]; then best=$t; fi
            done
            printf '%s ' "$(awk -v n="$best" 'BEGIN { printf "%.6f", n / 1e9 }')"
        done
        echo
    fi
}

scripts=()
for f in lua/*.lua; do
    [ -e "$f" ] || continue
    case "$(basename "$f" .lua)" in
        # Need Redis's libraries, which lua5.1 lacks: redis_libs_vs_redis.sh.
        redis_libs_*) ;;
        *"$filter"*) scripts+=("$f") ;;
    esac
done
[ ${#scripts[@]} -gt 0 ] || die "no benchmark matches '$filter'"

if [ $have_hyperfine = 1 ]; then
    method="hyperfine --warmup 1 --runs $RUNS, median"
else
    method="best of 3 runs (bash loop)"
fi
echo "lua5.1: $(command -v "$LUA")   redlua: $REDLUA"
echo "timing: $method; ratio = redlua / lua5.1 (< 1: redlua faster); RSS = peak KB"
echo

fmt='%-16s %10s %10s %8s %10s %10s  %s\n'
printf "$fmt" benchmark "lua5.1 s" "redlua s" ratio "lua RSS" "redlua RSS" status
printf "$fmt" ---------------- ---------- ---------- -------- ---------- ---------- ------

failures=0
ratios=()
rss_ratios=()
mismatch_report=""
for f in "${scripts[@]}"; do
    name=$(basename "$f" .lua)
    run_once "$LUA" "$f" "$tmp/$name.lua.out" "$tmp/$name.lua.rss"; lst=$?
    run_once "$REDLUA" "$f" "$tmp/$name.red.out" "$tmp/$name.red.rss"; rst=$?
    lrss=$(cat "$tmp/$name.lua.rss"); rrss=$(cat "$tmp/$name.red.rss")
    status=ok
    if [ $lst -ne 0 ]; then
        status="LUA5.1-FAILED"
    elif [ $rst -ne 0 ]; then
        status="REDLUA-FAILED"
    elif ! cmp -s "$tmp/$name.lua.out" "$tmp/$name.red.out"; then
        status="MISMATCH"
    fi
    if [ "$status" != ok ]; then
        failures=$((failures + 1))
        mismatch_report+="
!!!!!!!! $status: $name !!!!!!!!
$(diff -u --label "lua5.1 $f" --label "redlua $f" "$tmp/$name.lua.out" "$tmp/$name.red.out" | head -n 40)
"
    fi
    if [ $lst -ne 0 ] || [ $rst -ne 0 ]; then
        # A failing run's time means nothing.
        printf "$fmt" "$name" - - - "$lrss" "$rrss" "$status"
        continue
    fi
    read -r lt rt < <(time_pair "$f")
    ratio=$(awk -v a="$lt" -v b="$rt" 'BEGIN { if (a + 0 > 0 && b != "-") printf "%.2f", b / a; else print "-" }')
    [ "$ratio" != - ] && ratios+=("$(awk -v a="$lt" -v b="$rt" 'BEGIN { printf "%.6f", b / a }')")
    if [ "$lrss" != - ] && [ "$rrss" != - ] && [ "$lrss" -gt 0 ] 2>/dev/null; then
        rss_ratios+=("$(awk -v a="$lrss" -v b="$rrss" 'BEGIN { printf "%.6f", b / a }')")
    fi
    printf "$fmt" "$name" "$(printf %.3f "$lt" 2>/dev/null || echo -)" \
        "$(printf %.3f "$rt" 2>/dev/null || echo -)" "$ratio" "$lrss" "$rrss" "$status"
done

geomean() {
    printf '%s\n' "$@" | awk '{ s += log($1); n++ } END { if (n) printf "%.3f", exp(s / n); else print "-" }'
}
echo
if [ ${#ratios[@]} -gt 0 ]; then
    echo "geometric mean of time ratios (redlua/lua5.1) over ${#ratios[@]} benchmarks: $(geomean "${ratios[@]}")"
fi
if [ ${#rss_ratios[@]} -gt 0 ]; then
    echo "geometric mean of peak RSS ratios (redlua/lua5.1): $(geomean "${rss_ratios[@]}")"
fi
if [ $failures -gt 0 ]; then
    echo
    echo "################################################################"
    echo "## $failures BENCHMARK(S) FAILED OR PRODUCED DIFFERENT OUTPUT"
    echo "################################################################"
    printf '%s\n' "$mismatch_report"
    exit 1
fi
exit 0
