using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Forwarding;
using ThuisMonitoring.InfluxDb.Tests.Server;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// The forwarder against a real influxd: everything stored ends up in InfluxDB exactly once, in order, through
/// InfluxDB crashes and host restarts.
/// </summary>
[Collection(InfluxDbCollection.Name)]
public sealed class InfluxDbForwarderTests(InfluxDbServer server) : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly InfluxDbOptions _options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());

    [Fact]
    public async Task Stored_measurements_reach_influxdb_once_each_and_the_cursor_follows()
    {
        await using var site = await Site.OpenAsync(_data.Path, _options);
        var stored = Enumerable.Range(0, 400).SelectMany(n => new[] { Ward.Oximeter("p1", n), Ward.App("p1", n) }).ToList();
        await StoreConcurrentlyAsync(site.Measurements, stored);

        await site.DrainedAsync();

        (await PointsInInfluxAsync("p1")).Should().Equal(Points(stored));
        new ForwarderCursor(Path.Combine(_data.Path, ForwarderCursor.FileName)).Read().Should().Be(site.Forwarder.AcknowledgedSequence);
        site.Forwarder.Forwarded.Should().Be(stored.Count);
    }

    [Fact]
    public async Task Every_field_of_the_schema_is_written_with_its_type()
    {
        await using var site = await Site.OpenAsync(_data.Path, _options);
        await Ward.StoreAsync(site.Measurements, [Ward.Oximeter("p1", 1), Ward.App("p1", 2)]);
        await site.DrainedAsync();

        var keys = await QueryAsync("SHOW FIELD KEYS FROM \"vitals\"");

        keys.Select(row => (row[0].GetString(), row[1].GetString())).Should().BeEquivalentTo(new[]
        {
            ("spo2", "integer"), ("heart_rate", "integer"), ("respiratory_rate", "integer"),
            ("oxygen_flow", "float"), ("temperature", "float"), ("perfusion_index", "float"),
            ("feeling", "string"), ("exertion", "boolean"), ("artefact", "boolean"),
        });
        (await QueryAsync("SHOW TAG KEYS FROM \"vitals\"")).Select(row => row[0].GetString())
            .Should().Equal("device", "organisation", "patient", "source");
    }

    [Fact]
    public async Task Influxd_killed_mid_stream_and_restarted_ends_with_every_measurement_exactly_once()
    {
        var log = new CapturedLog();
        var backlog = new BacklogOptions { Max = 1_000, CheckInterval = TimeSpan.FromMilliseconds(50) };
        await using var site = await Site.OpenAsync(_data.Path, _options, backlog, log: log);
        var stored = Enumerable.Range(0, 3_000).Select(n => Ward.Oximeter(n % 2 == 0 ? "p1" : "p2", n)).ToList();
        try
        {
            await StoreConcurrentlyAsync(site.Measurements, stored[..1_000]);
            await WaitAsync(() => site.Forwarder.Forwarded > 0);
            server.Kill();

            // Ingestion goes on while InfluxDB is down; the backlog grows on disk and the alarm is raised.
            await StoreConcurrentlyAsync(site.Measurements, stored[1_000..2_000]);
            await WaitAsync(() => site.Forwarder.Backlog >= 800);
            await WaitAsync(() => log.Entries.Any(e => e.Level >= LogLevel.Error && e.Message.StartsWith("InfluxDB backlog", StringComparison.Ordinal)));
            await WaitAsync(() => site.Forwarder.LastError is not null);
        }
        finally
        {
            await server.StartAsync();
        }

        await StoreConcurrentlyAsync(site.Measurements, stored[2_000..]);
        await site.DrainedAsync(TimeSpan.FromSeconds(120));

        var inInflux = (await PointsInInfluxAsync("p1")).Concat(await PointsInInfluxAsync("p2")).Order().ToList();
        inInflux.Should().Equal(Points(stored).Order());
        site.Forwarder.Backlog.Should().Be(0);
    }

    [Fact]
    public async Task A_host_restarted_while_influxd_is_down_loses_nothing()
    {
        var stored = Enumerable.Range(0, 1_000).Select(n => Ward.Oximeter("p1", n)).ToList();
        try
        {
            await using (var site = await Site.OpenAsync(_data.Path, _options))
            {
                await StoreConcurrentlyAsync(site.Measurements, stored[..400]);
                await site.DrainedAsync();
                server.Kill();
                await StoreConcurrentlyAsync(site.Measurements, stored[400..700]);
            }

            // The host comes back while InfluxDB is still away, takes more, and goes down again.
            await using (var site = await Site.OpenAsync(_data.Path, _options))
            {
                await StoreConcurrentlyAsync(site.Measurements, stored[700..]);
                site.Forwarder.AcknowledgedSequence.Should().BeLessThan(1_000);
            }
        }
        finally
        {
            await server.StartAsync();
        }

        await using (var site = await Site.OpenAsync(_data.Path, _options))
        {
            await site.DrainedAsync(TimeSpan.FromSeconds(120));
        }

        (await PointsInInfluxAsync("p1")).Should().Equal(Points(stored));
    }

    [Fact]
    public async Task A_measurement_line_protocol_cannot_carry_is_quarantined_and_the_rest_goes_on()
    {
        await using var site = await Site.OpenAsync(_data.Path, _options);
        var good = Enumerable.Range(0, 20).Select(n => Ward.Oximeter("p1", n)).ToList();
        await Ward.StoreAsync(site.Measurements, good[..10]);
        await Ward.StoreAsync(site.Measurements, [Ward.Oximeter("p1", 99, device: @"ox\1")]);
        await Ward.StoreAsync(site.Measurements, good[10..]);

        await site.DrainedAsync();

        (await PointsInInfluxAsync("p1")).Should().Equal(Points(good));
        site.Forwarder.Quarantined.Should().Be(1);
        var quarantined = Directory.GetFiles(Path.Combine(_data.Path, Quarantine.DirectoryName)).Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(quarantined)).Should().Contain("backslash");
    }

    public void Dispose() => _data.Dispose();

    private static async Task StoreConcurrentlyAsync(IMeasurementStore store, IReadOnlyList<StoredMeasurement> measurements)
    {
        // Like many devices at once: appends share group commits.
        foreach (var chunk in measurements.Chunk(200))
        {
            var results = await Task.WhenAll(chunk.Select(m => store.AppendAsync(m, CancellationToken.None)));
            results.Should().AllSatisfy(stored => stored.Should().BeTrue());
        }
    }

    private static IEnumerable<(long Time, string Device)> Points(IEnumerable<StoredMeasurement> stored) =>
        stored.Where(s => s.PatientId == "p1" || s.PatientId == "p2")
            .Select(s => (s.Measurement.MeasuredAt.ToUnixTimeMilliseconds(), s.DeviceId))
            .OrderBy(p => p.Item1).ThenBy(p => p.DeviceId, StringComparer.Ordinal);

    private async Task<List<(long Time, string Device)>> PointsInInfluxAsync(string patient) =>
        (await QueryAsync($"SELECT \"exertion\", \"device\" FROM \"vitals\" WHERE \"patient\" = '{patient}'"))
            .Select(row => (row[0].GetInt64(), row[2].GetString()!))
            .OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();

    private async Task<List<System.Text.Json.JsonElement[]>> QueryAsync(string query)
    {
        using var client = new InfluxDbClient(_options, NullLogger<InfluxDbClient>.Instance);
        var results = await client.QueryAsync(query, changesSchema: false, CancellationToken.None);
        return results.SelectMany(s => s).SelectMany(s => s.Values).ToList();
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within a minute");
            await Task.Delay(20);
        }
    }
}
