using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// One real PostgreSQL server for the store tests (started once, stopped after the last test); each test takes a fresh
/// database of its own with the schema migrated, so tests never see each other's rows.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private PostgresServer? _server;
    private int _databases;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh database with the cluster schema, as a host would open it.</summary>
    public async Task<PostgresDatabase> NewDatabaseAsync()
    {
        var connectionString = await Server.CreateDatabaseAsync($"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}");
        var database = new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance);
        await database.MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>A fresh database with the cluster schema; its connection string, for stores that open it themselves (as hosts do).</summary>
    public async Task<string> NewConnectionStringAsync()
    {
        await using var database = await NewDatabaseAsync();
        return database.DataSource.ConnectionString;
    }

    public static IOptions<ClusterOptions> Cluster(string clusterId = "test-cluster") =>
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "thuismonitoring" });
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
