#!/usr/bin/env bash
# Domain benchmarks (issue 14, item 2): BenchmarkDotNet runs tests/ThuisMonitoring.Benchmarks (ns and bytes per
# 1 Hz sample, spot check, advice step and snapshot, 1 hour vs 14 days into an episode) and the snapshot-size table.
# Reports go to artifacts/benchmarks/domain/ (results/*.md, *.csv, *.html; snapshot-sizes.md; allocations.md, exact bytes
# per sample over a day of samples; memory.md, what an active patient keeps on the heap). Usage:
#   devices-sim/domain-benchmark.sh [BENCHMARKDOTNET ARGS...]    default: --filter '*' --quick (in process, bounded invocations)
# (in process: BenchmarkDotNet's generated project would need minutes to build on a loaded machine)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${DOMAIN_BENCHMARK_OUT:-$PWD/artifacts/benchmarks/domain}"
mkdir -p "$OUT"
dotnet build tests/ThuisMonitoring.Benchmarks -c Release -v quiet -nologo
BIN=tests/ThuisMonitoring.Benchmarks/bin/Release/net10.0/ThuisMonitoring.Benchmarks.dll
dotnet "$BIN" --snapshot-sizes "$OUT/snapshot-sizes.md"
dotnet "$BIN" --allocations "$OUT/allocations.md"
dotnet "$BIN" --memory "$OUT/memory.md"
if [ "$#" = 0 ]; then set -- --filter '*' --quick; fi
dotnet "$BIN" "$@" --artifacts "$OUT"
echo "reports: $OUT/results, $OUT/snapshot-sizes.md, $OUT/allocations.md, $OUT/memory.md"
