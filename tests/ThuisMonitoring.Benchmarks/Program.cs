using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ThuisMonitoring.Benchmarks;

// `--snapshot-sizes FILE` writes the snapshot-size table; `--allocations FILE` the exact bytes per sample; `--memory FILE`
// what an active patient's state and monitor keep on the heap; `--quick` runs in process (the generated
// project of an out-of-process run can take minutes to build on a loaded machine, and the 14-day setup is long);
// anything else goes to BenchmarkDotNet's switcher as it is.
if (args is ["--snapshot-sizes", var file])
{
    var table = SnapshotSizes.Table();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
    await File.WriteAllTextAsync(file, table);
    Console.Write(table);
    return 0;
}

if (args is ["--allocations", var allocationsFile])
{
    var table = AllocationsPerSample.Table();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(allocationsFile))!);
    await File.WriteAllTextAsync(allocationsFile, table);
    Console.Write(table);
    return 0;
}

if (args is ["--memory", var memoryFile])
{
    var table = MemoryPerPatient.Table();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(memoryFile))!);
    await File.WriteAllTextAsync(memoryFile, table);
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
