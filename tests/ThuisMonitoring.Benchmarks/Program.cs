using BenchmarkDotNet.Running;
using ThuisMonitoring.Benchmarks;

// `--snapshot-sizes FILE` writes the snapshot-size table; anything else goes to BenchmarkDotNet's switcher.
if (args is ["--snapshot-sizes", var file])
{
    var table = SnapshotSizes.Table();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
    await File.WriteAllTextAsync(file, table);
    Console.Write(table);
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DomainBenchmarks).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
