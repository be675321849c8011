using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Storage.PostgreSql.Alerts;

/// <summary>
/// The queryable copy of every alert in the cluster's database: a console on any host lists the alerts raised on every
/// host. A copy older than the stored one (by <see cref="Alert.UpdatedAt"/>) is ignored, so a late retry from any host
/// cannot reopen an alert a nurse has resolved.
/// </summary>
internal sealed class PostgresAlertIndex(PostgresDatabase database, ILogger<PostgresAlertIndex> logger) : IAlertIndex
{
    public async Task UpsertAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO alerts (alert_id, patient_id, status, raised_at_ticks, updated_at_ticks, document)
            VALUES (@alert, @patient, @status, @raisedAt, @updatedAt, @document)
            ON CONFLICT (alert_id) DO UPDATE SET
                patient_id = excluded.patient_id,
                status = excluded.status,
                raised_at_ticks = excluded.raised_at_ticks,
                updated_at_ticks = excluded.updated_at_ticks,
                document = excluded.document
            WHERE excluded.updated_at_ticks >= alerts.updated_at_ticks
            """, connection);
        command.Parameters.AddWithValue("alert", alert.AlertId);
        command.Parameters.AddWithValue("patient", alert.PatientId);
        command.Parameters.AddWithValue("status", alert.Status.ToCode());
        command.Parameters.AddWithValue("raisedAt", alert.RaisedAt.UtcTicks);
        command.Parameters.AddWithValue("updatedAt", alert.UpdatedAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", alert));
        // Once sent the change commits or not as a whole; the caller waits for it, not for the token.
        if (await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 0)
        {
            logger.LogWarning("Ignored a stale copy of alert {AlertId} updated at {UpdatedAt}", alert.AlertId, alert.UpdatedAt);
        }
    }

    public async Task<Alert?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM alerts WHERE alert_id = @alert", connection);
        command.Parameters.AddWithValue("alert", alertId);
        return await PostgresDocuments.ReadOneAsync<Alert>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            status is null
                ? "SELECT document FROM alerts ORDER BY raised_at_ticks DESC, alert_id COLLATE \"C\" LIMIT @limit"
                : "SELECT document FROM alerts WHERE status = @status ORDER BY raised_at_ticks DESC, alert_id COLLATE \"C\" LIMIT @limit",
            connection);
        if (status is { } wanted)
        {
            command.Parameters.AddWithValue("status", wanted.ToCode());
        }

        command.Parameters.AddWithValue("limit", limit);
        return await PostgresDocuments.ReadAllAsync<Alert>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> ListChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT document FROM alerts WHERE updated_at_ticks >= @since ORDER BY updated_at_ticks, alert_id COLLATE \"C\" LIMIT @limit",
            connection);
        command.Parameters.AddWithValue("since", since.UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        return await PostgresDocuments.ReadAllAsync<Alert>(command, cancellationToken).ConfigureAwait(false);
    }
}
