#!/usr/bin/env bash
# Restart benchmark (issue 14): the Release host (embedded stores, temp data directory) with PATIENTS enrolled
# patients under open-loop load (RATE measurements/s per device; devices queue, retry and reconnect by themselves) is
# stopped and started again on the same data, in three variants:
#   term   SIGTERM, started again at once
#   kill   SIGKILL, started again at once
#   pause  SIGTERM, started again after PAUSE_SECONDS
# The devices measure from STEADY_SECONDS before the stop until AFTER_SECONDS after the restarted host is ready.
# Each variant writes the simulator's per-second report (acknowledged, PUBACK p50/p99, failures, reconnects) and the
# recovery (how long until PUBACK p99 is back under 200 ms), both hosts' logs and a /proc sample of each host per
# second to REPORT_DIRECTORY/VARIANT/, and REPORT_DIRECTORY/summary.json. Usage:
#   devices-sim/restart-benchmark.sh [PATIENTS=2000] [PAUSE_SECONDS=120] [STEADY_SECONDS=60] [AFTER_SECONDS=60] [REPORT_DIRECTORY]
# Environment: VARIANTS="term kill pause" (a subset to run), RATE=1, DEVICE_BUFFER=10 (measurements a device keeps
# while it has no connection, the oldest dropped beyond), HOST_LOG_LEVEL (default: the shipped appsettings.json levels),
# HOST_DLL (another build of the host, e.g. a copy of the bin folder of an older commit, to compare before and after),
# SKIP_BUILD=1 (use the builds as they are), HOST_ENV="DOTNET_TieredPGO=0 ..." (environment of both hosts only, e.g. runtime
# knobs to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${1:-2000}" PAUSE="${2:-120}" STEADY="${3:-60}" AFTER="${4:-60}"
OUT="${5:-$PWD/artifacts/benchmarks/restart/$(date -u +%Y%m%dT%H%M%SZ)-${PATIENTS}}"
VARIANTS="${VARIANTS:-term kill pause}" RATE="${RATE:-1}" DEVICE_BUFFER="${DEVICE_BUFFER:-10}"
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
  dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
fi
HOST_DLL="${HOST_DLL:-src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll}"
SIM=devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll
HTTP=18500; MQTT=18503; PASSWORD="bench-$(date +%s)"
HOST=""; SAMPLER=""; DATA=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$HOST" ] && kill "$HOST" 2>/dev/null && wait "$HOST" 2>/dev/null || true
  [ -n "$DATA" ] && rm -rf "$DATA"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }

# start_host LOG: starts the host on $DATA and waits until it is ready; sets HOST and SAMPLER.
start_host() {
  local log="$1" levels=()
  [ -n "${HOST_LOG_LEVEL:-}" ] && levels=(--Logging:LogLevel:Default="$HOST_LOG_LEVEL")
  env ${HOST_ENV:-} dotnet "$HOST_DLL" --Urls=http://127.0.0.1:$HTTP --Mqtt:Port=$MQTT --Cluster:SiloPort=18501 --Cluster:GatewayPort=18502 \
    --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" "${levels[@]}" > "$log" 2>&1 &
  HOST=$!
  sample_host "$HOST" "${log%.log}.proc.csv" &
  SAMPLER=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && return 0; sleep 0.25; done
  echo "host did not become ready, see $log" >&2; return 1
}

# sample_host PID CSV: unix ms, CPU seconds (utime+stime), RSS MiB, threads of the host, once a second.
sample_host() {
  echo "unixMs,cpuSeconds,rssMiB,threads" > "$2"
  while [ -r "/proc/$1/stat" ]; do
    local stat rss threads
    stat=$(cut -d')' -f2- "/proc/$1/stat" 2>/dev/null) || break
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null) || break
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null) || break
    awk -v t="$(now_ms)" -v r="$rss" -v n="$threads" '{ printf "%s,%.2f,%.1f,%s\n", t, ($12 + $13) / 100, r / 1024, n }' <<<"$stat" >> "$2"
    sleep 1
  done
}

stop_host() {
  local signal="$1"
  kill -s "$signal" "$HOST"
  wait "$HOST" 2>/dev/null || true
  wait "$SAMPLER" 2>/dev/null || true
  HOST=""; SAMPLER=""
}

for VARIANT in $VARIANTS; do
  case "$VARIANT" in
    term) SIGNAL=TERM; WAIT=0 ;;
    kill) SIGNAL=KILL; WAIT=0 ;;
    pause) SIGNAL=TERM; WAIT="$PAUSE" ;;
    *) echo "unknown variant $VARIANT" >&2; exit 2 ;;
  esac
  DIR="$OUT/$VARIANT"; mkdir -p "$DIR"; DATA="$(mktemp -d)"
  MARKS="$DIR/marks.txt" STARTED="$DIR/started.txt" END="$DIR/end.txt"; : > "$MARKS"; rm -f "$STARTED" "$END"
  start_host "$DIR/host-1.log"
  echo "[$VARIANT] host 1 ready (pid $HOST)"
  # At most: the devices stop measuring AFTER_SECONDS after the restarted host is ready (the end file).
  DURATION=$((STEADY + WAIT + AFTER + 900))
  dotnet "$SIM" restart --api "http://127.0.0.1:$HTTP" --mqtt "127.0.0.1:$MQTT" --admin-password "$PASSWORD" \
    --patients "$PATIENTS" --rate "$RATE" --duration "${DURATION}s" --device-buffer "$DEVICE_BUFFER" \
    --started-file "$STARTED" --marks-file "$MARKS" --end-file "$END" --report "$DIR/report.json" > "$DIR/simulator.log" 2>&1 &
  SIMULATOR=$!
  until [ -s "$STARTED" ]; do
    kill -0 $SIMULATOR 2>/dev/null || { echo "simulator ended early, see $DIR/simulator.log" >&2; exit 1; }
    sleep 0.2
  done
  sleep "$STEADY"
  echo "stopped $(now_ms)" >> "$MARKS"
  stop_host "$SIGNAL"
  echo "exited $(now_ms)" >> "$MARKS"
  echo "[$VARIANT] host 1 stopped with SIG$SIGNAL; starting again in ${WAIT} s"
  sleep "$WAIT"
  echo "starting $(now_ms)" >> "$MARKS"
  start_host "$DIR/host-2.log"
  echo "ready $(now_ms)" >> "$MARKS"
  echo "[$VARIANT] host 2 ready (pid $HOST)"
  sleep "$AFTER"
  echo "end $(now_ms)" >> "$MARKS"
  touch "$END"
  wait $SIMULATOR || true
  tail -n 1 "$DIR/simulator.log"
  stop_host TERM
  # The reminder rows (first tick and period) as the restarted host left them.
  cp "$DATA/reminders.db" "$DIR/reminders.db" 2>/dev/null || true
  rm -rf "$DATA"; DATA=""
done

# The summary: each variant's totals and recovery.
{
  echo "{"
  echo "  \"patients\": $PATIENTS, \"ratePerPatient\": $RATE, \"steadySeconds\": $STEADY, \"pauseSeconds\": $PAUSE, \"afterSeconds\": $AFTER, \"deviceBuffer\": $DEVICE_BUFFER,"
  echo "  \"variants\": {"
  first=1
  for VARIANT in $VARIANTS; do
    [ $first -eq 1 ] || echo ","
    first=0
    python3 - "$OUT/$VARIANT" "$VARIANT" <<'PY'
import json, sys, os
d, name = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(d, "report.json")))
logs = {}
for n in ("host-1.log", "host-2.log"):
    p = os.path.join(d, n)
    if os.path.exists(p):
        lines = open(p, errors="replace").read().splitlines()
        logs[n] = {"lines": len(lines), "polly": sum("Polly" in l for l in lines), "info": sum(l.startswith("info:") for l in lines),
                   "warn": sum(l.startswith("warn:") for l in lines), "fail": sum(l.startswith("fail:") or l.startswith("crit:") for l in lines)}
keys = ["published", "acknowledged", "publishFailures", "failedAttempts", "refused", "timedOut", "interrupted", "droppedByDevices", "reconnects", "failedConnects", "recovery"]
out = {k: r.get(k) for k in keys}
out["hostLogs"] = logs
print('    "%s": %s' % (name, json.dumps(out)), end="")
PY
  done
  echo ""
  echo "  }"
  echo "}"
} > "$OUT/summary.json"
cat "$OUT/summary.json"
echo "reports: $OUT"
