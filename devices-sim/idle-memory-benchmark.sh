#!/usr/bin/env bash
# What an idle host with PATIENTS connected devices holds (issue 14's RSS budget): starts the Release host on a temp data
# directory, enrols PATIENTS patients and connects their devices with the simulator's load mode at 0.05 measurements/s,
# waits 30 s, then writes the host's RSS (/proc), its memory map (smaps) and a heap dump's statistics (dotnet-dump:
# `dumpheap -stat`, `eeheap -gc`, the byte arrays over 1,000 B) to REPORT_DIRECTORY. A benchmark, not a test: byte counts.
# Needs dotnet-dump (`dotnet tool install -g dotnet-dump`). Usage:
#   [SKIP_BUILD=1] [HOST_ENV="..."] devices-sim/idle-memory-benchmark.sh [PATIENTS] [REPORT_DIRECTORY]
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${1:-10000}" OUT="${2:-$PWD/artifacts/benchmarks/idle-memory-${1:-10000}}"
DUMP="${DOTNET_DUMP:-$HOME/.dotnet/tools/dotnet-dump}"
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
  dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
fi
DATA="$(mktemp -d)"; HTTP=18580; PASSWORD="bench-$(date +%s)"
env ${HOST_ENV:-} dotnet src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll --Urls=http://127.0.0.1:$HTTP \
  --Mqtt:Port=18583 --Cluster:SiloPort=18581 --Cluster:GatewayPort=18582 --Data:Directory="$DATA" \
  --Auth:AdminPassword="$PASSWORD" --Logging:LogLevel:Default=Warning > "$OUT/host.log" 2>&1 &
HOST=$!; SIM=""
trap 'kill $SIM 2>/dev/null || true; kill $HOST 2>/dev/null || true; wait $HOST 2>/dev/null || true; rm -rf "$DATA" "$OUT/heap.dmp"' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break; sleep 0.5; done
dotnet devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll load \
  --api "http://127.0.0.1:$HTTP" --mqtt 127.0.0.1:18583 --admin-password "$PASSWORD" --patients "$PATIENTS" --rate 0.05 \
  --duration 600 --report "$OUT/load.json" --host-pid $HOST > "$OUT/sim.log" 2>&1 &
SIM=$!
for _ in $(seq 1 1200); do grep -q "Connected $PATIENTS devices" "$OUT/sim.log" && break; sleep 1; done
sleep 30
cp "/proc/$HOST/smaps" "$OUT/smaps.txt"
echo "rss_kb $(awk '/VmRSS/ {print $2}' /proc/$HOST/status)" | tee "$OUT/rss.txt"
"$DUMP" collect -p $HOST --type Heap -o "$OUT/heap.dmp" > "$OUT/dump.log" 2>&1
"$DUMP" analyze "$OUT/heap.dmp" -c "dumpheap -stat" -c "eeheap -gc" -c "dumpheap -type System.Byte[] -min 1000 -stat" -c exit > "$OUT/heap.txt" 2>&1
grep -h "GC Allocated Heap Size" "$OUT/heap.txt" | tee -a "$OUT/rss.txt"
echo "report: $OUT"
