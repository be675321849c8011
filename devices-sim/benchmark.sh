#!/usr/bin/env bash
# Load benchmark: starts the host (Release, embedded stores, temp data directory, loopback ports), drives it with the
# simulator's load mode and writes the JSON report. Usage:
#   devices-sim/benchmark.sh [PATIENTS] [RATE_PER_PATIENT] [SECONDS] [REPORT]
# Environment: SKIP_BUILD=1 (use the builds as they are), HOST_ENV="DOTNET_GCConserveMemory=5 ..." (the host's own
# environment, e.g. runtime knobs to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${1:-500}" RATE="${2:-1}" SECONDS_="${3:-30}" REPORT="${4:-$PWD/artifacts/benchmarks/load-${1:-500}x${2:-1}.json}"
mkdir -p "$(dirname "$REPORT")"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
  dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
fi

DATA="$(mktemp -d)"; HTTP=18480; MQTT=18483; PASSWORD="bench-$(date +%s)"
env ${HOST_ENV:-} dotnet src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll \
  --Urls=http://127.0.0.1:$HTTP --Mqtt:Port=$MQTT --Cluster:SiloPort=18481 --Cluster:GatewayPort=18482 \
  --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" --Logging:LogLevel:Default=Warning > "$DATA/host.log" 2>&1 &
HOST=$!
trap 'kill $HOST 2>/dev/null; wait $HOST 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break; sleep 0.5; done

dotnet devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll load \
  --api "http://127.0.0.1:$HTTP" --mqtt "127.0.0.1:$MQTT" --admin-password "$PASSWORD" \
  --patients "$PATIENTS" --rate "$RATE" --duration "$SECONDS_" --report "$REPORT" --host-pid "$HOST"
echo "report: $REPORT"
