using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.Privacy;
using ThuisMonitoring.Storage.Timeline;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// Cluster mode leaves no store behind: every port the embedded stores register is served from PostgreSQL once
/// <c>AddPostgresStores</c> ran, and a cluster on an older schema is brought up to date in place.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCompositionTests(PostgresCluster cluster) : IDisposable
{
    private readonly PostgresSite _site = new(cluster);
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Every_port_of_the_embedded_stores_is_served_from_PostgreSQL_in_cluster_mode()
    {
        var ports = new ServiceCollection().AddEmbeddedStores(_data.Path).AddEmbeddedTimeSeries().AddEmbeddedPrivacy(_data.Path).AddEmbeddedTimeline()
            .Select(d => d.ServiceType)
            .Where(t => t.IsInterface && t.Assembly != typeof(Microsoft.Extensions.Hosting.IHostedService).Assembly)
            .Distinct()
            .ToList();
        await using var stores = await _site.OpenAsync();

        ports.Should().HaveCountGreaterThan(15);
        ports.Select(port => (Port: port.Name, Implementation: stores.Services.GetRequiredService(port).GetType()))
            .Should().OnlyContain(p => p.Implementation.Assembly == typeof(PostgresDatabase).Assembly, "no embedded store is left in cluster mode");
    }

    [Fact]
    public async Task A_cluster_on_an_older_schema_gets_only_the_newer_scripts()
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"upgrade_{Guid.NewGuid():N}");
        var latest = PostgresDatabase.Scripts[^1].Version;
        await using (var older = new NpgsqlConnection(connectionString))
        {
            // As a host of the previous version left it: every script but the last applied and recorded.
            await older.OpenAsync();
            await using var record = new NpgsqlCommand("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", older);
            await record.ExecuteNonQueryAsync();
            foreach (var (version, name, sql) in PostgresDatabase.Scripts.Where(s => s.Version < latest))
            {
                await using var script = new NpgsqlCommand(sql + $"; INSERT INTO schema_migrations (version, name) VALUES ({version}, '{name}')", older);
                await script.ExecuteNonQueryAsync();
            }
        }

        await using var database = new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance);
        (await database.MigrateAsync(default)).Should().Be(1, "only the newest script is new");
        await using var again = new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance);
        (await again.MigrateAsync(default)).Should().Be(0, "a host starting later finds it done");
        await using var stores = await PostgresStores.OpenAsync(connectionString);
        (await stores.Organisations.ListAsync(default)).Should().BeEmpty();
    }

    public void Dispose()
    {
        _site.Dispose();
        _data.Dispose();
    }
}
