using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Storage.Directory;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Alerts;

/// <summary>The queryable copy of every alert, in the directory file.</summary>
internal sealed class SqliteAlertIndex : IAlertIndex
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteAlertIndex> _logger;

    public SqliteAlertIndex(SqliteDatabase database, ILogger<SqliteAlertIndex> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    /// <summary>
    /// Inserts or replaces the alert. A copy older than the stored one (by <see cref="Alert.UpdatedAt"/>) is ignored,
    /// so a late retry cannot reopen an alert that a nurse has already resolved.
    /// </summary>
    public async Task UpsertAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts (alert_id, patient_id, status, raised_at_ticks, updated_at_ticks, document)
            VALUES ($alertId, $patientId, $status, $raisedAt, $updatedAt, $document)
            ON CONFLICT (alert_id) DO UPDATE SET
                patient_id = excluded.patient_id,
                status = excluded.status,
                raised_at_ticks = excluded.raised_at_ticks,
                updated_at_ticks = excluded.updated_at_ticks,
                document = excluded.document
            WHERE excluded.updated_at_ticks >= alerts.updated_at_ticks;
            """;
        command.Parameters.AddWithValue("$alertId", alert.AlertId);
        command.Parameters.AddWithValue("$patientId", alert.PatientId);
        command.Parameters.AddWithValue("$status", alert.Status.ToCode());
        command.Parameters.AddWithValue("$raisedAt", SqliteValues.Ticks(alert.RaisedAt));
        command.Parameters.AddWithValue("$updatedAt", SqliteValues.Ticks(alert.UpdatedAt));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(alert));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            _logger.LogWarning("Ignored a stale copy of alert {AlertId} updated at {UpdatedAt}", alert.AlertId, alert.UpdatedAt);
        }
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
}
