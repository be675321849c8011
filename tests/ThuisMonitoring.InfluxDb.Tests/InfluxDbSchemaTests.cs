using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Tests.Server;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>The client and the schema it creates, against a real influxd 1.6.7.</summary>
[Collection(InfluxDbCollection.Name)]
public sealed class InfluxDbSchemaTests(InfluxDbServer server) : IDisposable
{
    private readonly InfluxDbOptions _options = Site.QuickOptions(server.Url, InfluxDbCollection.NewDatabase());
    private InfluxDbClient? _client;

    // Inside the retention policy: InfluxDB rejects points older than it.
    private static long HourAgo => DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() / 1000 * 1000;

    private InfluxDbClient Client => _client ??= new InfluxDbClient(_options, NullLogger<InfluxDbClient>.Instance);

    [Fact]
    public async Task Ping_tells_whether_influxdb_answers()
    {
        (await Client.PingAsync(CancellationToken.None)).Should().BeTrue();
        using var nobody = new InfluxDbClient(Site.QuickOptions("http://127.0.0.1:9", "x"), NullLogger<InfluxDbClient>.Instance);
        (await nobody.PingAsync(CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task The_schema_is_created_at_start_and_creating_it_again_is_harmless()
    {
        await EnsureSchemaAsync();
        await EnsureSchemaAsync();

        var policies = await RowsAsync($"SHOW RETENTION POLICIES ON \"{_options.Database}\"");
        policies.Select(p => (p[0].GetString()!, p[1].GetString()!, p[4].GetBoolean())).Should().Contain(new[]
        {
            ("raw", "2160h0m0s", true),
            ("long_term", "0s", false),
        });
        var queries = (await Client.QueryAsync("SHOW CONTINUOUS QUERIES", false, CancellationToken.None))
            .SelectMany(s => s).Single(s => s.Name == _options.Database);
        queries.Values.Should().ContainSingle().Which[0].GetString().Should().Be("vitals_1m");
        queries.Values[0][1].GetString().Should().Contain("RESAMPLE EVERY 1m FOR 1h").And.Contain("GROUP BY time(1m), *");
    }

    [Fact]
    public async Task A_changed_retention_is_applied_to_the_existing_policy()
    {
        await EnsureSchemaAsync();
        _options.Retention = "30d";

        await EnsureSchemaAsync();

        (await RowsAsync($"SHOW RETENTION POLICIES ON \"{_options.Database}\"")).Single(p => p[0].GetString() == "raw")[1].GetString().Should().Be("720h0m0s");
    }

    [Fact]
    public async Task A_field_type_conflict_is_a_rejection_not_an_outage()
    {
        await EnsureSchemaAsync();
        (await Client.WriteAsync([$"vitals,patient=p1 spo2=95i {HourAgo}"], CancellationToken.None)).Should().Be(WriteOutcome.Written);

        var outcome = await Client.WriteAsync([$"vitals,patient=p1 spo2=\"high\" {HourAgo + 1000}"], CancellationToken.None);

        outcome.Status.Should().Be(WriteStatus.Rejected);
        outcome.Error.Should().Contain("conflict");
    }

    [Fact]
    public async Task Writing_the_same_point_again_stores_it_once()
    {
        await EnsureSchemaAsync();
        var line = $"vitals,device=ox-1,patient=p1,source=oximeter spo2=95i,exertion=false {HourAgo}";

        await Client.WriteAsync([line], CancellationToken.None);
        await Client.WriteAsync([line, line], CancellationToken.None);

        (await RowsAsync("SELECT count(\"spo2\") FROM \"vitals\"")).Single()[1].GetInt64().Should().Be(1);
    }

    public void Dispose() => _client?.Dispose();

    private Task EnsureSchemaAsync() => new InfluxDbSchema(Client, _options, NullLogger<InfluxDbSchema>.Instance).EnsureAsync(CancellationToken.None);

    private async Task<List<System.Text.Json.JsonElement[]>> RowsAsync(string query) =>
        (await Client.QueryAsync(query, false, CancellationToken.None)).SelectMany(s => s).SelectMany(s => s.Values).ToList();
}
