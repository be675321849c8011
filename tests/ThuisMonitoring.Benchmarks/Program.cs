using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ThuisMonitoring.Benchmarks;

// `--snapshot-sizes FILE` writes the snapshot-size table; `--allocations FILE` the exact bytes per sample; `--memory FILE`
// what an active patient's state and monitor keep on the heap; `--heapwalk FILE` where the monitor's bytes go (by type and field); `--quick` runs in process (the generated
// project of an out-of-process run can take minutes to build on a loaded machine, and the 14-day setup is long);
// anything else goes to BenchmarkDotNet's switcher as it is.
// The tables that are not BenchmarkDotNet's: byte counts, written to the file named after the switch.
var tables = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
{
    ["--snapshot-sizes"] = SnapshotSizes.Table,
    ["--allocations"] = AllocationsPerSample.Table,
    ["--memory"] = MemoryPerPatient.Table,
    ["--heapwalk"] = HeapWalk.Table,
};
if (args is [var tableSwitch, var file] && tables.TryGetValue(tableSwitch, out var makeTable))
{
    var table = makeTable();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
    await File.WriteAllTextAsync(file, table);
    Console.Write(table);
    return 0;
}

IConfig? config = null;
if (args.Contains("--quick"))
{
    args = [.. args.Where(a => a != "--quick")];
    config = DefaultConfig.Instance.AddJob(
        Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true)));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DomainBenchmarks).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
