#!/usr/bin/env bash
# Patient-list benchmark (issue 14, the read model): starts the Release host on a temp data directory, enrols PATIENTS
# patients through the API (in parallel), restarts the host on the same data, then times GET /api/patients REQUESTS
# times (p50/p95/p99, response size) and checks on /metrics (Orleans' orleans_catalog_activation_created_total) that
# no patient grain was activated by the list. A benchmark, not a test: figures go to a JSON report. Usage:
#   [END_EPISODES=1] [SKIP_BUILD=1] [HOST_DLL=...] [DATA_DIRECTORY=...] devices-sim/patients-list-benchmark.sh [PATIENTS] [REQUESTS] [REPORT_DIRECTORY]
# DATA_DIRECTORY keeps the host's data (not deleted at the end) and enrols only once into it: a second run (another
# build, HOST_DLL) lists the same patients without enrolling them again.
# Target (docs/benchmarks.md): < 300 ms with 10,000 patients, no grain activated.
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS="${1:-10000}" REQUESTS="${2:-50}" OUT="${3:-$PWD/artifacts/benchmarks/patients-list-${1:-10000}}"
# END_EPISODES=1 (default) ends every episode after enrolment: active episodes have a watch reminder that activates
# their grains within a minute of the restart, which would hide whether the list activated any. 0 keeps them active.
END_EPISODES="${END_EPISODES:-1}"
mkdir -p "$OUT"
[ "${SKIP_BUILD:-}" = 1 ] || dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
HOST_DLL="${HOST_DLL:-src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll}"

DATA="${DATA_DIRECTORY:-$(mktemp -d)}"; HTTP=18580; PASSWORD="bench-$(date +%s)"; HOST=""
start_host() {
  dotnet "$HOST_DLL" --Urls=http://127.0.0.1:$HTTP --Mqtt:Port=18583 --Cluster:SiloPort=18581 --Cluster:GatewayPort=18582 \
    --Data:Directory="$DATA" --Auth:AdminPassword="$PASSWORD" --Auth:Lockout:RequestsPerMinutePerAddress=100000 \
    --Logging:LogLevel:Default=Warning >> "$DATA/host.log" 2>&1 &
  HOST=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "host not ready; see $DATA/host.log" >&2; exit 1
}
stop_host() { kill -TERM "$HOST" 2>/dev/null || true; wait "$HOST" 2>/dev/null || true; }
if [ -n "${DATA_DIRECTORY:-}" ]; then mkdir -p "$DATA"; trap 'stop_host' EXIT; else trap 'stop_host; rm -rf "$DATA"' EXIT; fi

# The admin password is set at the first start only: a kept data directory keeps its own.
if [ -f "$DATA/.bench-password" ]; then PASSWORD="$(cat "$DATA/.bench-password")"; else echo "$PASSWORD" > "$DATA/.bench-password"; fi
ENROLLED="$DATA/.enrolled-$PATIENTS-$END_EPISODES"
if [ ! -f "$ENROLLED" ]; then
start_host
python3 - "$HTTP" "$PASSWORD" "$PATIENTS" enrol "$END_EPISODES" <<'PY'
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
port, password, patients = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token: request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")
token = call("POST", "/api/auth/token", {"username": "admin", "password": password})["accessToken"]
call("POST", "/api/organisations", {"id": "bench-hospital", "name": "Benchmark hospital", "kind": "hospital"}, token)
clinicians = [f"bench-clinician-{i}" for i in range(20)]
for username in clinicians:
    call("POST", "/api/users", {"username": username, "password": "bench-password-2026", "role": "clinician",
                                "displayName": username, "organisation": "bench-hospital"}, token)
end = sys.argv[5] == "1"
tokens = {u: call("POST", "/api/auth/token", {"username": u, "password": "bench-password-2026"})["accessToken"] for u in clinicians} if end else {}
def enrol(i):
    clinician = clinicians[i % len(clinicians)]
    created = call("POST", "/api/patients", {"name": f"Benchmark patient {i}", "birthDate": "1950-03-01", "pathway": "early-discharge",
                                             "responsibleClinician": clinician, "oxygenFlow": 2.0,
                                             "consent": {"scope": "telemonitoring"}}, token)
    if end:
        # An ended episode has no watch reminder: after the restart only a request can activate its grain.
        call("POST", f"/api/patients/{created['patientId']}/state", {"state": "ended", "reason": "Benchmark"}, tokens[clinician])
with ThreadPoolExecutor(max_workers=16) as pool:
    list(pool.map(enrol, range(patients)))
print(f"enrolled {patients} patients")
PY
stop_host
touch "$ENROLLED"
fi
start_host

python3 - "$HTTP" "$PASSWORD" "$PATIENTS" "$REQUESTS" "$OUT/report.json" "$END_EPISODES" <<'PY'
import gzip, json, re, sys, time, urllib.request
port, password, patients, requests, report = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
base = f"http://127.0.0.1:{port}"
def get(path, token=None, encoding=None):
    request = urllib.request.Request(base + path)
    if token: request.add_header("authorization", "Bearer " + token)
    if encoding: request.add_header("accept-encoding", encoding)
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read(), response.headers.get("content-encoding")
def activations():
    metrics = get("/metrics")[0].decode()
    return sum(int(float(m.group(1))) for m in re.finditer(r'^orleans_catalog_activation_created_total\{[^}]*grain_type="patient"[^}]*\} (\S+)', metrics, re.M))
request = urllib.request.Request(base + "/api/auth/token", method="POST", data=json.dumps({"username": "admin", "password": password}).encode())
request.add_header("content-type", "application/json")
with urllib.request.urlopen(request) as response:
    token = json.loads(response.read())["accessToken"]
before = activations()
def series(encoding):
    timings, size, count, first, answered = [], 0, 0, None, None
    for i in range(requests):
        started = time.perf_counter()
        body, answered = get("/api/patients", token, encoding)
        elapsed = (time.perf_counter() - started) * 1000
        if first is None:
            first = elapsed
        timings.append(elapsed)
        size = len(body)
        count = len(json.loads(gzip.decompress(body) if answered == "gzip" else body))
    timings.sort()
    return timings, size, count, first, answered
def pct(timings, p): return round(timings[min(len(timings) - 1, int(round(p / 100 * (len(timings) - 1))))], 1)
# As a script without Accept-Encoding reads it, then as a browser does (compressed; gzip here, a browser prefers br).
timings, size, count, first, _ = series(None)
ztimings, zsize, zcount, zfirst, zencoding = series("gzip")
after = activations()
result = {
    "patients": patients, "listed": count, "requests": requests,
    "firstRequestMs": round(first, 1), "p50Ms": pct(timings, 50), "p95Ms": pct(timings, 95), "p99Ms": pct(timings, 99), "maxMs": round(timings[-1], 1),
    "responseBytes": size,
    "compressed": {"acceptEncoding": "gzip", "contentEncoding": zencoding, "listed": zcount, "firstRequestMs": round(zfirst, 1),
                   "p50Ms": pct(ztimings, 50), "p95Ms": pct(ztimings, 95), "p99Ms": pct(ztimings, 99), "maxMs": round(ztimings[-1], 1),
                   "responseBytes": zsize},
    "patientGrainActivationsBefore": before, "patientGrainActivationsAfter": after,
    "noGrainActivatedByTheList": after == before,
    "episodesEnded": sys.argv[6] == "1",
    "targetMs": 300, "meetsTarget": pct(timings, 99) < 300 and after == before and count == patients,
}
with open(report, "w") as f: json.dump(result, f, indent=2)
print(json.dumps(result, indent=2))
PY
echo "report: $OUT/report.json"
