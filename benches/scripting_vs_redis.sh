#!/usr/bin/env bash
# EVALSHA side by side on this machine: redis-benchmark against redis-server
# (the reference, 7.0.15 here) and redlua-server, at -c 50 with -P 1 and
# -P 16, for three scripts:
#   incr   return redis.call('INCR', KEYS[1])
#   ten    ten redis.call()s (SET, GET, INCR, HSET, HGET, LPUSH, LTRIM, ...)
#   table  build and return a 100-element table
# It prints requests per second and the ratio redlua/redis per case.
#
# Usage: benches/scripting_vs_redis.sh   (N=requests per case, default 200000)
# Both servers are started on their own ports and stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=${REDIS_PORT:-16382}
REDLUA_PORT=${REDLUA_PORT:-16383}
N=${N:-200000}

for t in redis-server redis-cli redis-benchmark; do
  command -v "$t" >/dev/null || { echo "$t is required" >&2; exit 1; }
done
cargo build --release --bin redlua-server >/dev/null

TMP=$(mktemp -d)
redis-server --port "$REDIS_PORT" --save "" --appendonly no --daemonize no >"$TMP/redis.log" 2>&1 &
RPID=$!
target/release/redlua-server --port "$REDLUA_PORT" --loglevel warning >"$TMP/redlua.log" 2>&1 &
LPID=$!
trap 'kill $RPID $LPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
for p in "$REDIS_PORT" "$REDLUA_PORT"; do
  for _ in $(seq 50); do redis-cli -p "$p" PING >/dev/null 2>&1 && break; sleep 0.1; done
done

INCR="return redis.call('INCR', KEYS[1])"
TEN="redis.call('SET', KEYS[1], ARGV[1])
local v = redis.call('GET', KEYS[1])
redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], 'f', v)
local h = redis.call('HGET', KEYS[3], 'f')
redis.call('LPUSH', KEYS[4], h)
redis.call('LTRIM', KEYS[4], 0, 9)
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('EXPIRE', KEYS[1], 100)
return redis.call('EXISTS', KEYS[1], KEYS[2])"
TABLE="local t = {}
for i = 1, 100 do t[i] = i * 2 end
return t"

echo "redis-server: $(redis-server --version | awk '{print $3}')   redlua-server: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores; requests per case: $N; clients: 50"

rps() { # port pipeline sha keys... -> rps
  local port=$1 p=$2 sha=$3
  shift 3
  redis-benchmark -p "$port" -c 50 -P "$p" -n "$N" --csv EVALSHA "$sha" "$@" 2>/dev/null |
    awk -F'","' 'NR>1 {gsub(/"/,"",$2); print $2}'
}

printf "%-10s %4s %14s %14s %8s\n" script P redis-rps redlua-rps ratio
for name in incr ten table; do
  case $name in
    incr) body=$INCR; args=(1 counter) ;;
    ten) body=$TEN; args=(5 k:s k:n k:h k:l k:set value) ;;
    table) body=$TABLE; args=(0) ;;
  esac
  rsha=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$body")
  lsha=$(redis-cli -p "$REDLUA_PORT" SCRIPT LOAD "$body")
  for P in 1 16; do
    r=$(rps "$REDIS_PORT" "$P" "$rsha" "${args[@]}")
    l=$(rps "$REDLUA_PORT" "$P" "$lsha" "${args[@]}")
    awk -v n="$name" -v p="$P" -v r="$r" -v l="$l" \
      'BEGIN {printf "%-10s %4s %14.0f %14.0f %8.2f\n", n, p, r, l, (r > 0 ? l / r : 0)}'
  done
done
