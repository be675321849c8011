#!/usr/bin/env bash
# Closed-loop benchmark (issue 14): the same load generator and device count against a bare MQTTnet 5 broker (no
# interception at all) and against the host (Release, embedded stores, temp data directory), one QoS 1 measurement
# in flight per device, and the ratio of their acknowledged rates. Usage:
#   devices-sim/closed-loop-benchmark.sh [DEVICES] [SECONDS] [REPORT_DIRECTORY]
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES="${1:-2000}" SECONDS_="${2:-30}" OUT="${3:-$PWD/artifacts/benchmarks/closed-loop-${1:-2000}}"
mkdir -p "$OUT"
dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
SIM=devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll

# 1. The bare broker.
BARE_PORT=18493
dotnet "$SIM" bare-broker --port $BARE_PORT > "$OUT/bare-broker.log" 2>&1 &
BARE=$!
trap 'kill $BARE 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$BARE_PORT) 2>/dev/null && break; sleep 0.1; done
dotnet "$SIM" closed-loop --mqtt "127.0.0.1:$BARE_PORT" --devices "$DEVICES" --duration "${SECONDS_}s" \
  --report "$OUT/bare-broker.json" --server-pid "$BARE"
kill $BARE; wait $BARE 2>/dev/null || true

# 2. The host.
DATA="$(mktemp -d)"; HTTP=18480; MQTT=18483; PASSWORD="bench-$(date +%s)"
dotnet src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll \
  --Urls=http://127.0.0.1:$HTTP --Mqtt:Port=$MQTT --Cluster:SiloPort=18481 --Cluster:GatewayPort=18482 \
  --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" --Logging:LogLevel:Default=Warning > "$DATA/host.log" 2>&1 &
HOST=$!
trap 'kill $HOST 2>/dev/null; wait $HOST 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break; sleep 0.5; done
dotnet "$SIM" closed-loop --api "http://127.0.0.1:$HTTP" --mqtt "127.0.0.1:$MQTT" --admin-password "$PASSWORD" \
  --devices "$DEVICES" --duration "${SECONDS_}s" --report "$OUT/host.json" --server-pid "$HOST"

# 3. The comparison.
rate() { grep -o '"acknowledgedPerSecond": *[0-9.]*' "$1" | grep -o '[0-9.]*$'; }
BARE_RATE="$(rate "$OUT/bare-broker.json")" HOST_RATE="$(rate "$OUT/host.json")"
RATIO="$(awk -v h="$HOST_RATE" -v b="$BARE_RATE" 'BEGIN { printf "%.2f", (b > 0 ? h / b : 0) }')"
printf '{\n  "devices": %s,\n  "seconds": %s,\n  "bareBrokerAcknowledgedPerSecond": %s,\n  "hostAcknowledgedPerSecond": %s,\n  "ratio": %s\n}\n' \
  "$DEVICES" "$SECONDS_" "$BARE_RATE" "$HOST_RATE" "$RATIO" > "$OUT/comparison.json"
echo "closed loop, $DEVICES devices, ${SECONDS_} s: bare broker $BARE_RATE/s, host $HOST_RATE/s, ratio $RATIO (report: $OUT)"
