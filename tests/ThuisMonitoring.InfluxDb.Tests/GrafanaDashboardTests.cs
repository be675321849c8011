using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Tests.Server;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>Every query of deploy/grafana-dashboard.json runs on influxd against data the forwarder wrote.</summary>
[Collection(InfluxDbCollection.Name)]
public sealed class GrafanaDashboardTests(InfluxDbServer server) : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly InfluxDbOptions _options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());

    [Fact]
    public async Task Every_panel_and_variable_query_answers_on_the_schema()
    {
        await using (var site = await Site.OpenAsync(_data.Path, _options))
        {
            await Ward.StoreAsync(site.Measurements, Enumerable.Range(0, 30).SelectMany(n => new[] { Ward.Oximeter("p1", n), Ward.App("p1", n) }));
            await site.DrainedAsync();
        }

        using var client = new InfluxDbClient(_options, NullLogger<InfluxDbClient>.Instance);

        // The points are hours old, beyond what the continuous query resamples: backfilled as docs/timeseries.md says.
        await client.QueryAsync(InfluxDbSchema.BackfillStatement(_options, Ward.Start, DateTimeOffset.UtcNow), changesSchema: true, CancellationToken.None);
        var queries = DashboardQueries().ToList();
        queries.Should().HaveCountGreaterThan(8);
        foreach (var query in queries)
        {
            var influxQl = query
                .Replace("$timeFilter", $"time >= {Ward.Start.ToUnixTimeMilliseconds()}ms AND time <= now()", StringComparison.Ordinal)
                .Replace("$__interval", "1m", StringComparison.Ordinal)
                .Replace("$organisation", ".*", StringComparison.Ordinal)
                .Replace("$patient", "p1", StringComparison.Ordinal)
                .Replace("$device", ".*", StringComparison.Ordinal);

            var results = await client.QueryAsync(influxQl, changesSchema: false, CancellationToken.None);

            results.SelectMany(s => s).Should().NotBeEmpty($"'{query}' should find the data");
        }
    }

    [Fact]
    public async Task The_downsampled_series_holds_the_per_minute_mean_min_and_max_of_the_raw_points()
    {
        await using var site = await Site.OpenAsync(_data.Path, _options);
        await Ward.StoreAsync(site.Measurements, Enumerable.Range(0, 60).Select(n => Ward.Oximeter("p1", n)));
        await site.DrainedAsync();
        using var client = new InfluxDbClient(_options, NullLogger<InfluxDbClient>.Instance);

        await client.QueryAsync(InfluxDbSchema.BackfillStatement(_options, Ward.Start, DateTimeOffset.UtcNow), changesSchema: true, CancellationToken.None);

        var downsampled = (await client.QueryAsync(
                "SELECT \"spo2_mean\", \"spo2_min\", \"spo2_max\" FROM \"long_term\".\"vitals_1m\" WHERE \"patient\" = 'p1'", false, CancellationToken.None))
            .SelectMany(s => s).SelectMany(s => s.Values)
            .Select(row => (DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[1].GetDouble(), row[2].GetDouble(), row[3].GetDouble()));
        var raw = await site.Reader.ReadPerMinuteAsync("p1", Abstractions.TimeSeries.VitalSign.Spo2, Ward.Start, Ward.Start.AddHours(1), CancellationToken.None);
        downsampled.Should().Equal(raw.Select(a => (a.Minute, a.Mean, a.Min, a.Max)));
    }

    public void Dispose() => _data.Dispose();

    private static IEnumerable<string> DashboardQueries()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "ThuisMonitoring.sln")))
        {
            directory = directory.Parent;
        }

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "deploy", "grafana-dashboard.json")));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return target.GetProperty("query").GetString()!;
            }
        }

        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                yield return variable.GetProperty("query").GetString()!;
            }
        }
    }
}
