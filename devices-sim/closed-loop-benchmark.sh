#!/usr/bin/env bash
# Closed-loop benchmark (issue 14): the same load generator and device count against a bare MQTTnet 5 broker (no
# interception at all) and against the host (Release, embedded stores, temp data directory), one QoS 1 measurement
# in flight per device, and the ratio of their acknowledged rates. Both are measured twice in the same run: with
# devices that subscribe to their feedback and errors topics (as real devices do; a bare broker then matches every
# publish against every session's subscriptions) and with devices that only publish (--no-subscribe). Usage:
#   devices-sim/closed-loop-benchmark.sh [DEVICES] [SECONDS] [REPORT_DIRECTORY]
# Environment: MODES="subscribe no-subscribe" (a subset to run), SKIP_BUILD=1 (use the builds as they are),
# HOST_ENV="DOTNET_TieredPGO=0 ..." (the host's own environment, e.g. runtime knobs to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES="${1:-2000}" SECONDS_="${2:-30}" OUT="${3:-$PWD/artifacts/benchmarks/closed-loop-${1:-2000}}"
MODES="${MODES:-subscribe no-subscribe}"
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
  dotnet build devices-sim/ThuisMonitoring.DeviceSimulator -c Release -v quiet -nologo
fi
SIM=devices-sim/ThuisMonitoring.DeviceSimulator/bin/Release/net10.0/ThuisMonitoring.DeviceSimulator.dll
SERVER=""; DATA=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  [ -n "$DATA" ] && rm -rf "$DATA"
  # The trap's status is the script's: an empty DATA (the normal end) must not turn a finished run into exit 1.
  return 0
}
trap cleanup EXIT
rate() { grep -o '"acknowledgedPerSecond": *[0-9.]*' "$1" | grep -o '[0-9.]*$'; }

for MODE in $MODES; do
  case "$MODE" in
    subscribe) FLAG=(); SUFFIX="" ;;
    no-subscribe) FLAG=(--no-subscribe); SUFFIX="-no-subscribe" ;;
    *) echo "unknown mode $MODE" >&2; exit 2 ;;
  esac

  # 1. The bare broker.
  BARE_PORT=18493
  dotnet "$SIM" bare-broker --port $BARE_PORT > "$OUT/bare-broker$SUFFIX.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$BARE_PORT) 2>/dev/null && break; sleep 0.1; done
  dotnet "$SIM" closed-loop --mqtt "127.0.0.1:$BARE_PORT" --devices "$DEVICES" --duration "${SECONDS_}s" "${FLAG[@]}" \
    --report "$OUT/bare-broker$SUFFIX.json" --server-pid "$SERVER"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=""

  # 2. The host (a fresh one on a fresh data directory).
  DATA="$(mktemp -d)"; HTTP=18480; MQTT=18483; PASSWORD="bench-$(date +%s)"
  env ${HOST_ENV:-} dotnet src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll \
    --Urls=http://127.0.0.1:$HTTP --Mqtt:Port=$MQTT --Cluster:SiloPort=18481 --Cluster:GatewayPort=18482 \
    --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" --Logging:LogLevel:Default=Warning > "$DATA/host.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && break; sleep 0.5; done
  dotnet "$SIM" closed-loop --api "http://127.0.0.1:$HTTP" --mqtt "127.0.0.1:$MQTT" --admin-password "$PASSWORD" \
    --devices "$DEVICES" --duration "${SECONDS_}s" "${FLAG[@]}" --report "$OUT/host$SUFFIX.json" --server-pid "$SERVER"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=""
  rm -rf "$DATA"; DATA=""
done

# 3. The comparison: one ratio per mode.
{
  printf '{\n  "devices": %s,\n  "seconds": %s' "$DEVICES" "$SECONDS_"
  for MODE in $MODES; do
    SUFFIX=""; KEY="subscribingDevices"
    [ "$MODE" = no-subscribe ] && SUFFIX="-no-subscribe" && KEY="devicesNotSubscribing"
    BARE_RATE="$(rate "$OUT/bare-broker$SUFFIX.json")" HOST_RATE="$(rate "$OUT/host$SUFFIX.json")"
    RATIO="$(awk -v h="$HOST_RATE" -v b="$BARE_RATE" 'BEGIN { printf "%.2f", (b > 0 ? h / b : 0) }')"
    printf ',\n  "%s": { "bareBrokerAcknowledgedPerSecond": %s, "hostAcknowledgedPerSecond": %s, "ratio": %s }' \
      "$KEY" "$BARE_RATE" "$HOST_RATE" "$RATIO"
    echo "closed loop, $DEVICES devices, ${SECONDS_} s, $MODE: bare broker $BARE_RATE/s, host $HOST_RATE/s, ratio $RATIO" >&2
  done
  printf '\n}\n'
} > "$OUT/comparison.json"
cat "$OUT/comparison.json"
echo "report: $OUT"
