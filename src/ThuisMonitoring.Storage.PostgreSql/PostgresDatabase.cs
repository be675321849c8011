using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ThuisMonitoring.Storage.PostgreSql;

/// <summary>
/// The one PostgreSQL database of a cluster: a pooled data source, and the schema brought up to date at start from
/// the numbered scripts in <c>Schema/</c> (embedded in this assembly). Each script runs once, recorded in
/// <c>schema_migrations</c>; hosts starting together take an advisory lock, so one migrates and the others find it done.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private const string ScriptPrefix = "ThuisMonitoring.Schema.";

    // An arbitrary constant: the advisory lock every host of the cluster takes to migrate.
    private const long MigrationLock = 0x7468_7569_736d_6f6e;

    private readonly ILogger<PostgresDatabase> _logger;
    private readonly Lock _migrationGate = new();
    private Task<int>? _migration;

    public PostgresDatabase(string connectionString, ILogger<PostgresDatabase> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _logger = logger;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema scripts of this version, in order: (version, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Applies every script not applied yet (once per instance: the membership table, reminders and stores may all ask
    /// at start); returns how many ran. One transaction under the cluster's advisory lock: a host that starts at the
    /// same time waits, then finds the scripts recorded.
    /// </summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        lock (_migrationGate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = MigrateOnceAsync(cancellationToken);
            }

            return _migration;
        }
    }

    private async Task<int> MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("lock", MigrationLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new List<int>();
        foreach (var (version, name, sql) in Scripts)
        {
            await using (var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE version = @version", connection, transaction))
            {
                check.Parameters.AddWithValue("version", version);
                if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    continue;
                }
            }

            await using (var script = new NpgsqlCommand(sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", version);
                record.Parameters.AddWithValue("name", name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            applied.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var version in applied)
        {
            _logger.LogInformation("PostgreSQL schema migrated to version {Version}", version);
        }

        return applied.Count;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(PostgresDatabase).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[ScriptPrefix.Length..^".sql".Length];
                var separator = file.IndexOf('_', StringComparison.Ordinal);
                var version = int.Parse(file[..separator], System.Globalization.CultureInfo.InvariantCulture);
                return (version, file[(separator + 1)..], Read(assembly, name));
            })
            .OrderBy(script => script.version)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
