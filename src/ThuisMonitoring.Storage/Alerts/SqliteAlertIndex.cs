using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Storage.Directory;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Alerts;

/// <summary>
/// The queryable copy of every alert, in the directory file. Upserts are group-committed by
/// <see cref="AlertIndexWriter"/>; reads go straight to the file and see every upsert that has completed.
/// </summary>
internal sealed class SqliteAlertIndex : IAlertIndex, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly AlertIndexWriter _writer;

    public SqliteAlertIndex(SqliteDatabase database, ILogger<SqliteAlertIndex> logger)
    {
        _database = database;
        _database.EnsureSchema(DirectorySchema.Sql);
        _writer = new AlertIndexWriter(database, logger);
    }

    /// <summary>
    /// Inserts or replaces the alert, returning once it is committed. A copy older than the stored one (by
    /// <see cref="Alert.UpdatedAt"/>) is ignored and logged, so a late retry cannot reopen an alert that a nurse has
    /// already resolved.
    /// </summary>
    public async Task UpsertAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        // Once queued the change is committed with its batch, so the caller waits for the commit and not the token.
        await _writer.UpsertAsync(alert).ConfigureAwait(false);
    }

    public async Task<Alert?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM alerts WHERE alert_id = $alertId;";
        command.Parameters.AddWithValue("$alertId", alertId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<Alert>(json)
            : null;
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        if (status is { } wanted)
        {
            command.CommandText = "SELECT document FROM alerts WHERE status = $status ORDER BY raised_at_ticks DESC, alert_id LIMIT $limit;";
            command.Parameters.AddWithValue("$status", wanted.ToCode());
        }
        else
        {
            command.CommandText = "SELECT document FROM alerts ORDER BY raised_at_ticks DESC, alert_id LIMIT $limit;";
        }

        command.Parameters.AddWithValue("$limit", limit);
        return await StoredDocuments.ReadAllAsync<Alert>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>By <c>updated_at_ticks</c> (a scan: this is asked once at start, not per request).</summary>
    public async Task<IReadOnlyList<Alert>> ListChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM alerts WHERE updated_at_ticks >= $since ORDER BY updated_at_ticks, alert_id LIMIT $limit;";
        command.Parameters.AddWithValue("$since", SqliteValues.Ticks(since));
        command.Parameters.AddWithValue("$limit", limit);
        return await StoredDocuments.ReadAllAsync<Alert>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is queued and stops the writer thread; the container calls this at shutdown.</summary>
    public void Dispose() => _writer.Dispose();
}
