#!/usr/bin/env bash
# Throughput of Redis's script libraries: redlua against real Redis.
#
#   benches/redis_libs_vs_redis.sh [filter]
#
# For each benches/lua/redis_libs_*.lua (name containing FILTER): the script
# loops N times over one cjson/cmsgpack call and returns a checksum. It is
#   * run by `target/release/redlua --redis-libs FILE` (wall time of the
#     process, best of RUNS), and
#   * loaded into Redis with SCRIPT LOAD and run with EVALSHA through
#     redis-cli (wall time of the call, best of RUNS),
# and the table shows calls per second (N / time) for both, the ratio
# redlua/redis (above 1: redlua faster) and whether the checksums agree.
#
# Environment: PORT (default 16380; a Redis must listen there, e.g.
# `redis-server --port 16380 --save "" --appendonly no`), REDLUA (default
# target/release/redlua), RUNS (default 3), NO_BUILD=1 to skip the build.
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
filter=${1:-}
PORT=${PORT:-16380}
REDLUA=${REDLUA:-$root/target/release/redlua}
RUNS=${RUNS:-3}
CLI=(redis-cli -p "$PORT")

die() { echo "redis_libs_vs_redis.sh: $*" >&2; exit 2; }

"${CLI[@]}" PING >/dev/null 2>&1 || die "no Redis on port $PORT"
if [ "${NO_BUILD:-0}" != 1 ]; then
    echo "building redlua (release)..." >&2
    (cd "$root" && cargo build --release --quiet --bin redlua) || die "cargo build failed"
fi
[ -x "$REDLUA" ] || die "$REDLUA not found"

now() { date +%s%N; }

# best_of CMD...: runs CMD RUNS times, prints "<best ns> <last stdout>".
best_of() {
    local best= out t0 t1
    for _ in $(seq "$RUNS"); do
        t0=$(now)
        out=$("$@") || return 1
        t1=$(now)
        if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
    done
    echo "$best $out"
}

printf '%-30s %8s %14s %14s %8s %s\n' benchmark N "redlua ops/s" "redis ops/s" ratio checksum
status=0
for f in "$here"/lua/redis_libs_*.lua; do
    name=$(basename "$f" .lua)
    case "$name" in *"$filter"*) ;; *) continue ;; esac
    n=$(sed -n 's/^local N = \([0-9]*\).*/\1/p' "$f" | head -n 1)
    [ -n "$n" ] || die "$f has no 'local N = <count>' line"
    # redlua: the script's return value is printed by a wrapper chunk.
    read -r rt rsum < <(best_of "$REDLUA" --redis-libs -e "print(dofile('$f'))") \
        || die "redlua failed on $f"
    sha=$("${CLI[@]}" SCRIPT LOAD "$(cat "$f")") || die "SCRIPT LOAD failed for $f"
    read -r st ssum < <(best_of "${CLI[@]}" EVALSHA "$sha" 0) || die "EVALSHA failed on $f"
    same=ok
    [ "$rsum" = "$ssum" ] || { same="DIFFERS ($rsum vs $ssum)"; status=1; }
    awk -v name="$name" -v n="$n" -v rt="$rt" -v st="$st" -v same="$same" 'BEGIN {
        r = n / (rt / 1e9); s = n / (st / 1e9);
        printf "%-30s %8d %14.0f %14.0f %8.2f %s\n", name, n, r, s, r / s, same }'
done
exit $status
