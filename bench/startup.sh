#!/usr/bin/env bash
# Startup benchmark (not a test): seconds from "java -jar" to the first 200 on /login with the
# embedded database, for the first-ever start (empty data directory, PostgreSQL binaries not yet
# unpacked) and a warm start (the same directory again), the WAR size, and the heap after start.
#
#   bench/startup.sh                 # builds the WAR if it is missing, uses port 8383
#   PORT=9000 bench/startup.sh       # another port
#   JAVA_OPTS="-Xmx512m" bench/startup.sh
#
# Everything it creates lives in a temporary directory that is removed at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
WAR=packaging/target/umin-libreclinica.war
PORT="${PORT:-8383}"
JAVA_OPTS="${JAVA_OPTS:-}"
LIMIT=180

if [[ ! -f "$WAR" ]]; then
  ./mvnw -B -q -DskipTests package
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/lc-bench.XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"; wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "Port $PORT is in use; choose another with PORT=..." >&2
  exit 1
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }

heap_kb() { # used heap in KiB, from "garbage-first heap total 262144K, used 83456K"
  jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}

# start NAME: starts the WAR on $WORK/home, waits for 200 on /login, prints the seconds
run() {
  local name="$1" log="$WORK/$1.log" start elapsed status
  start=$(now_ms)
  # ot.epg.working-dir: where the PostgreSQL binaries are unpacked (cached between runs)
  java $JAVA_OPTS -Dot.epg.working-dir="$WORK/pg-bin" -jar "$WAR" \
      --server.port="$PORT" --lc.home="$WORK/home" >"$log" 2>&1 &
  PID=$!
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/login" || true)
    [[ "$status" == "200" ]] && break
    if ! kill -0 "$PID" 2>/dev/null; then
      echo "The application exited during the $name start; its log:" >&2; cat "$log" >&2; exit 1
    fi
    if (( $(now_ms) - start > LIMIT * 1000 )); then
      echo "No 200 on /login within ${LIMIT}s ($name start); log: $log" >&2; tail -50 "$log" >&2; exit 1
    fi
    sleep 0.1
  done
  elapsed=$(( $(now_ms) - start ))
  printf '%s start: %s s to the first 200 on /login\n' "$name" "$(seconds "$elapsed")"
}

stop() {
  kill -TERM "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
}

echo "UMIN LibreClinica startup benchmark ($(nproc) CPUs, $(java -version 2>&1 | head -1))"
size=$(wc -c <"$WAR")
printf 'WAR size: %s MB (%s bytes)\n' "$(( size / 1048576 ))" "$size"

run "first-ever"
stop
run "warm"
used=$(heap_kb "$PID")
jcmd "$PID" GC.run >/dev/null 2>&1 || true
live=$(heap_kb "$PID")
printf 'heap after start: %s MB used, %s MB after a full GC\n' "$((used / 1024))" "$((live / 1024))"
stop
if grep -E -q 'ERROR|Exception' "$WORK/warm.log"; then
  echo "note: the warm run logged errors:"; grep -E 'ERROR|Exception' "$WORK/warm.log" | head -5
fi
