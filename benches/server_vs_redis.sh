#!/usr/bin/env bash
# Side by side on this machine: redis-benchmark against redis-server (the
# reference, 7.0.15 here) and redlua-server, with -P 1 and -P 16, printing
# requests per second per command and the ratio redlua/redis; then memory
# for 1,000,000 small string keys (INFO memory used_memory, process RSS).
#
# Usage: benches/server_vs_redis.sh        (N=requests per test, default 200000)
# Both servers are started on their own ports and stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=${REDIS_PORT:-16380}
REDLUA_PORT=${REDLUA_PORT:-16381}
N=${N:-200000}
KEYS=${KEYS:-1000000}
TESTS=ping,set,get,incr,lpush,rpop,sadd,hset,zadd,lrange_100

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

echo "redis-server: $(redis-server --version | awk '{print $3}')   redlua-server: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores; requests per test: $N; clients: 50"

bench() { # port pipeline -> "TEST rps" lines
  redis-benchmark -p "$1" -t "$TESTS" -c 50 -P "$2" -n "$N" --csv 2>/dev/null |
    awk -F'","' 'NR>1 {gsub(/"/,"",$1); gsub(/"/,"",$2); print $1 "\t" $2}'
}

for P in 1 16; do
  echo
  echo "== -c 50 -P $P"
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  redis-cli -p "$REDLUA_PORT" FLUSHALL >/dev/null
  bench "$REDIS_PORT" "$P" >"$TMP/redis.$P"
  bench "$REDLUA_PORT" "$P" >"$TMP/redlua.$P"
  printf "%-40s %14s %14s %8s\n" test redis-rps redlua-rps ratio
  paste "$TMP/redis.$P" "$TMP/redlua.$P" |
    awk -F'\t' '{printf "%-40s %14.0f %14.0f %8.2f\n", $1, $2, $4, ($2 > 0 ? $4 / $2 : 0)}'
done

echo
echo "== memory: $KEYS keys (key:N -> 3-byte value)"
mem() { # port pid
  redis-cli -p "$1" FLUSHALL >/dev/null
  local before after rss
  before=$(redis-cli -p "$1" INFO memory | awk -F: '/^used_memory:/ {print $2+0}')
  awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) { k = "key:" i; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$3\r\nval\r\n", length(k), k } }' |
    redis-cli -p "$1" --pipe >/dev/null
  after=$(redis-cli -p "$1" INFO memory | awk -F: '/^used_memory:/ {print $2+0}')
  rss=$(awk '/^VmRSS:/ {print $2 * 1024}' "/proc/$2/status")
  printf "%-14s dbsize=%s used_memory=%s (%.1f bytes/key over empty) rss=%s (%.1f bytes/key)\n" \
    "$3" "$(redis-cli -p "$1" DBSIZE)" "$after" "$(echo "($after - $before) / $KEYS" | bc -l)" "$rss" "$(echo "$rss / $KEYS" | bc -l)"
}
mem "$REDIS_PORT" "$RPID" redis-server
mem "$REDLUA_PORT" "$LPID" redlua-server
