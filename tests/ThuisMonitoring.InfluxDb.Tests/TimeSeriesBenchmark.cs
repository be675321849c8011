using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.LineProtocol;
using ThuisMonitoring.InfluxDb.Tests.Server;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>Runs only when <c>THUISMONITORING_BENCHMARK=1</c>: a measurement, not a specification.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("THUISMONITORING_BENCHMARK") != "1")
        {
            Skip = "Benchmark; run with THUISMONITORING_BENCHMARK=1 (see docs/benchmarks.md).";
        }
    }
}

/// <summary>
/// Measurements per second end to end (MQTT publish with QoS 1 → host → embedded store → forwarder → InfluxDB),
/// and, in the same run against the same influxd, raw line-protocol writes per second straight to /write in
/// batches of the forwarder's size. Reports figures; asserts only that everything arrived.
/// </summary>
[Collection(InfluxDbCollection.Name)]
public sealed class TimeSeriesBenchmark(InfluxDbServer server, ITestOutputHelper output)
{
    private const int Devices = 20;
    private const int MessagesPerDevice = 10;
    private const int PerMessage = 500;
    private const int Total = Devices * MessagesPerDevice * PerMessage;

    [BenchmarkFact]
    public async Task Measurements_per_second_end_to_end_and_raw_line_protocol_writes_per_second()
    {
        var raw = await RawWritesPerSecondAsync();
        var catchUp = await BacklogDrainPerSecondAsync();
        var (ingested, endToEnd) = await EndToEndAsync();

        var report = $"""
            | what | rate |
            |---|---|
            | raw line protocol to /write (batches of 5,000, gzip, one writer) | {raw:N0} points/s |
            | forwarder catching up a backlog of {Total:N0} (SQLite → line protocol → /write) | {catchUp:N0} measurements/s |
            | MQTT ingestion, PUBACK'd ({Devices} devices, QoS 1, arrays of {PerMessage}) | {ingested:N0} measurements/s |
            | end to end: publish → InfluxDB ({Total:N0} measurements) | {endToEnd:N0} measurements/s |
            | ratio end to end / raw | {endToEnd / raw:P0} |
            """;
        output.WriteLine(report);
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "benchmarks");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "timeseries.md"), report);
    }

    private async Task<double> RawWritesPerSecondAsync()
    {
        var options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());
        using var client = new InfluxDbClient(options, NullLogger<InfluxDbClient>.Instance);
        await new InfluxDbSchema(client, options, NullLogger<InfluxDbSchema>.Instance).EnsureAsync(CancellationToken.None);
        var lines = Enumerable.Range(0, Total)
            .Select(n => LineProtocolWriter.ToLine(VitalsSchema.ToPoint(Ward.Oximeter($"patient-{n % Devices}", n, device: $"ox-{n % Devices}")))[..^1])
            .ToList();
        var clock = Stopwatch.StartNew();
        foreach (var batch in lines.Chunk(options.BatchSize))
        {
            (await client.WriteAsync(batch, CancellationToken.None)).Should().Be(WriteOutcome.Written);
        }

        return Total / clock.Elapsed.TotalSeconds;
    }

    private async Task<double> BacklogDrainPerSecondAsync()
    {
        using var data = new TemporaryDirectory();
        await using (var offline = await Site.OpenAsync(data.Path))
        {
            foreach (var chunk in Enumerable.Range(0, Total).Select(n => Ward.Oximeter($"patient-{n % Devices}", n, device: $"ox-{n % Devices}")).Chunk(1_000))
            {
                await Task.WhenAll(chunk.Select(m => offline.Measurements.AppendAsync(m, CancellationToken.None)));
            }
        }

        var options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());
        options.FlushInterval = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        await using var site = await Site.OpenAsync(data.Path, options);
        await site.DrainedAsync(TimeSpan.FromMinutes(5));
        return Total / clock.Elapsed.TotalSeconds;
    }

    private async Task<(double Ingested, double EndToEnd)> EndToEndAsync()
    {
        var database = InfluxDbCollection.NewDatabase();
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["TimeSeries:Provider"] = "InfluxDb",
            ["TimeSeries:InfluxDb:Url"] = server.Url,
            ["TimeSeries:InfluxDb:Database"] = database,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var devices = new List<(string DeviceId, string Secret)>();
        for (var i = 0; i < Devices; i++)
        {
            devices.Add((await HostTimeSeriesTests.AdmitAsync(host)).Device);
        }

        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(devices.Select(async (device, i) =>
        {
            await using var mqtt = await HostTimeSeriesTests.ConnectAsync(host, device);
            var first = i * MessagesPerDevice * PerMessage;
            await HostTimeSeriesTests.PublishAsync(mqtt, device.DeviceId, start, first, first + (MessagesPerDevice * PerMessage));
        }));
        var ingested = Total / clock.Elapsed.TotalSeconds;
        (await HostTimeSeriesTests.CountAsync(server.Url, database, null, c => c >= Total)).Should().Be(Total);
        return (ingested, Total / clock.Elapsed.TotalSeconds);
    }
}
