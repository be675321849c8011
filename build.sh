#!/usr/bin/env bash
# ThuisMonitoring: the two commands of the README.
#   ./build.sh demo   run the platform with embedded defaults and a live demo (simulated patients)
#   ./build.sh test   install what the tests need, build, run every test project, print one summary line
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
need_packages() {
  # need_packages COMMAND PACKAGE...: installs the Debian packages when COMMAND is missing.
  local probe="$1"; shift
  if ! command -v "$probe" >/dev/null 2>&1; then
    if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  fi
}

ensure_node() { need_packages npm nodejs npm; }

cmd_demo() {
  ensure_node
  dotnet build src/ThuisMonitoring.Host -c Release -v quiet -nologo
  exec dotnet src/ThuisMonitoring.Host/bin/Release/net10.0/ThuisMonitoring.Host.dll \
    --Demo:Enabled=true --Data:Directory="${DATA_DIRECTORY:-$ROOT/data}" "$@"
}

cmd_test() {
  ensure_node
  need_packages mosquitto_pub mosquitto-clients
  need_packages chromium chromium
  need_packages influxd influxdb
  need_packages /usr/lib/postgresql/15/bin/postgres postgresql
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

  dotnet build ThuisMonitoring.sln -c Release -v quiet -nologo

  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  local passed=0 failed=0 skipped=0 broken=0
  for project in tests/*/*.csproj; do
    local name; name="$(basename "$project" .csproj)"
    [ "$name" = "ThuisMonitoring.Testing" ] || [ "$name" = "ThuisMonitoring.Benchmarks" ] && continue
    echo "== $name"
    local exited=0
    dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" --blame-hang-timeout 5m || exited=$?
    local trx="$results/$name.trx"
    if [ -f "$trx" ]; then
      local counters; counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
      local p f t e
      p="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
      f="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
      t="$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')"
      e="$(echo "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')"
      passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
      # A non-zero exit with no failed test means the run itself broke (a crash, a hang): count it as a failure.
      if [ "$exited" != 0 ] && [ "${f:-0}" = 0 ]; then
        echo "!! $name: dotnet test exited $exited without a failed test"; broken=$((broken + 1))
      fi
      skipped=$((skipped + ${t:-0} - ${e:-0}))
      [ "${e:-0}" = 0 ] && { echo "!! $name: no test executed"; broken=$((broken + 1)); }
    else
      echo "!! $name: no test results written"; broken=$((broken + 1))
    fi
  done

  # Name every failed test once more at the end, so the tail of the log says what failed.
  if [ "$failed" != 0 ]; then
    echo "== failed tests"
    # testName and outcome are attributes of one UnitTestResult element in the trx files.
    grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results"/*.trx 2>/dev/null \
      | sed -n 's/.* testName="\([^"]*\)".*/FAILED \1/p' || true
  fi

  # A test project that crashed or wrote no results counts as a failure too.
  failed=$((failed + broken))
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  [ "$failed" = 0 ]
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) echo "usage: ./build.sh demo | test" >&2; exit 2 ;;
esac
