#!/usr/bin/env bash
# Cluster benchmark (issue 15 item 7): 1, 2 and 3 hosts (Release, Cluster:Provider=PostgreSql) on this machine against
# one PostgreSQL server (Debian's postgresql, a temp cluster on a loopback port, fsync and synchronous_commit on), the
# simulator's load mode spreading its devices over the hosts' MQTT ports. For each configuration it measures the CPU
# seconds of the host processes and of PostgreSQL (postmaster and every backend, from /proc) over the load window
# (publishing and drain) and divides by the measurements accepted: CPU seconds per 1,000 measurements, which is also
# cores per 1,000 measurements/s. Writes one report per configuration and summary.json to REPORT_DIRECTORY. Usage:
#   devices-sim/cluster-benchmark.sh [PATIENTS] [RATE_PER_PATIENT] [SECONDS] [REPORT_DIRECTORY]
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${1:-1500}" RATE="${2:-1}" SECONDS_="${3:-60}" OUT="${4:-$PWD/artifacts/benchmarks/cluster-${1:-1500}x${2:-1}}"
mkdir -p "$OUT"
dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
SIM=devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll
HOSTDLL=src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll

# PostgreSQL refuses to run as root: as root its programs run as the postgres user, which owns the directory.
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGDIR="$(mktemp -d)"; PGPORT=18590
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$OUT/initdb.log" 2>&1
as_postgres "$PGBIN/postgres" -D "$PGDIR/data" -p $PGPORT -k "$PGDIR" -c listen_addresses=127.0.0.1 \
  -c max_connections=300 -c shared_buffers=128MB > "$OUT/postgres.log" 2>&1 &
HOSTS=()
cleanup() {
  for pid in "${HOSTS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${HOSTS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  # PostgreSQL is a background job of this script too: stop it before waiting for what is left, or the wait never ends.
  [ -f "$PGDIR/data/postmaster.pid" ] && kill -INT "$(head -1 "$PGDIR/data/postmaster.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$PGDIR" "${DATA_DIRS[@]:-}"
}
DATA_DIRS=()
trap cleanup EXIT
for _ in $(seq 1 100); do "$PGBIN/pg_isready" -h 127.0.0.1 -p $PGPORT -q && break; sleep 0.2; done
PGPID="$(head -1 "$PGDIR/data/postmaster.pid")"

# CPU seconds (utime + stime, and those of reaped children) of the given processes, from /proc/PID/stat.
cpu_of() { for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null || true; done | awk '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / 100 }'; }
postgres_pids() { echo "$PGPID"; awk -v pp="$PGPID" '$4 == pp { print $1 }' /proc/[0-9]*/stat 2>/dev/null || true; }

KEY="$(head -c 48 /dev/urandom | base64 -w0)"; PASSWORD="bench-$(date +%s)"
SUMMARY="$OUT/summary.json"; echo "[" > "$SUMMARY"
for N in 1 2 3; do
  as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p $PGPORT -U postgres "bench$N"
  HOSTS=(); MQTT=()
  for i in $(seq 1 "$N"); do
    BASE=$((18400 + 10 * i)); DATA="$(mktemp -d)"; DATA_DIRS+=("$DATA")
    dotnet "$HOSTDLL" --Urls=http://127.0.0.1:$BASE --Mqtt:Port=$((BASE + 3)) \
      --Cluster:Provider=PostgreSql --Cluster:ConnectionString="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=bench$N;Pooling=true" \
      --Cluster:SiloPort=$((BASE + 1)) --Cluster:GatewayPort=$((BASE + 2)) --Auth:SigningKeys:0="$KEY" \
      --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" --Logging:LogLevel:Default=Warning > "$OUT/host-$N-$i.log" 2>&1 &
    HOSTS+=($!); MQTT+=("127.0.0.1:$((BASE + 3))")
    # The first host migrates the schema; the others join once it is ready.
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$BASE/health/ready" >/dev/null && break; sleep 0.5; done
  done
  ENDPOINTS="$(IFS=,; echo "${MQTT[*]}")"
  dotnet "$SIM" load --api "http://127.0.0.1:18410" --mqtt "$ENDPOINTS" --admin-password "$PASSWORD" \
    --patients "$PATIENTS" --rate "$RATE" --duration "${SECONDS_}s" --report "$OUT/load-$N.json" --host-pid "${HOSTS[0]}" \
    > "$OUT/simulator-$N.log" 2>&1 &
  SIMPID=$!
  # The load window starts when every device is connected (the simulator logs it) and ends when it exits.
  until grep -q "Connected" "$OUT/simulator-$N.log" 2>/dev/null; do kill -0 $SIMPID 2>/dev/null || break; sleep 0.2; done
  HOST_BEFORE="$(cpu_of "${HOSTS[@]}")"; PG_BEFORE="$(cpu_of $(postgres_pids))"; START=$(date +%s.%N)
  wait $SIMPID
  HOST_AFTER="$(cpu_of "${HOSTS[@]}")"; PG_AFTER="$(cpu_of $(postgres_pids))"; END=$(date +%s.%N)
  ACCEPTED="$(grep -o '"accepted": *[0-9]*' "$OUT/load-$N.json" | head -1 | grep -o '[0-9]*$')"
  PUBLISHED="$(grep -o '"published": *[0-9]*' "$OUT/load-$N.json" | head -1 | grep -o '[0-9]*$')"
  awk -v n="$N" -v a="$ACCEPTED" -v p="$PUBLISHED" -v hb="$HOST_BEFORE" -v ha="$HOST_AFTER" -v pb="$PG_BEFORE" -v pa="$PG_AFTER" \
      -v s="$START" -v e="$END" -v sep="$([ "$N" = 3 ] && echo "" || echo ",")" 'BEGIN {
    w = e - s; h = ha - hb; g = pa - pb; k = a / 1000
    printf "  {\"hosts\": %d, \"published\": %d, \"accepted\": %d, \"windowSeconds\": %.1f, \"acceptedPerSecond\": %.1f, \"hostCpuSeconds\": %.2f, \"postgresCpuSeconds\": %.2f, \"hostCpuSecondsPer1000\": %.3f, \"postgresCpuSecondsPer1000\": %.3f}%s\n",
      n, p, a, w, a / w, h, g, h / k, g / k, sep
  }' >> "$SUMMARY"
  for pid in "${HOSTS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${HOSTS[@]}"; do wait "$pid" 2>/dev/null || true; done
  HOSTS=()
done
echo "]" >> "$SUMMARY"
cat "$SUMMARY"
echo "reports: $OUT"
