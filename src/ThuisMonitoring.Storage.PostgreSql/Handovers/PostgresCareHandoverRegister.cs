using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Storage.PostgreSql.Directory;

namespace ThuisMonitoring.Storage.PostgreSql.Handovers;

/// <summary>
/// Handovers of responsibility in the cluster's database (table <c>care_handovers</c>), looked up by receiver, sender
/// (usernames compared as <see cref="UsernameKey"/>) and patient: a clinician's inbox is the same on every host.
/// </summary>
internal sealed class PostgresCareHandoverRegister(PostgresDatabase database, ILogger<PostgresCareHandoverRegister> logger) : ICareHandoverRegister
{
    private const string Order = "ORDER BY requested_at_ticks DESC, handover_id COLLATE \"C\"";

    public async Task SaveAsync(CareHandoverRecord handover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        var h = handover.Handover;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO care_handovers (handover_id, patient_id, from_key, to_key, status, requested_at_ticks, document)
            VALUES (@id, @patient, @from, @to, @status, @at, @document)
            ON CONFLICT (handover_id) DO UPDATE SET status = excluded.status, document = excluded.document
            """, connection);
        command.Parameters.AddWithValue("id", h.HandoverId);
        command.Parameters.AddWithValue("patient", handover.PatientId);
        command.Parameters.AddWithValue("from", UsernameKey.Of(h.From));
        command.Parameters.AddWithValue("to", UsernameKey.Of(h.To));
        command.Parameters.AddWithValue("status", h.Status.ToCode());
        command.Parameters.AddWithValue("at", h.RequestedAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", handover));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Handover {HandoverId} of patient {PatientId} ({From} -> {To}) stored as {Status}", h.HandoverId, handover.PatientId, h.From, h.To, h.Status.ToCode());
    }

    public async Task<CareHandoverRecord?> GetAsync(string handoverId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoverId);
        var found = await QueryAsync("handover_id = @value", handoverId, null, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<CareHandoverRecord>> ListForClinicianAsync(string username, bool pendingOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        return QueryAsync("(to_key = @value OR from_key = @value)", UsernameKey.Of(username), pendingOnly ? CareHandoverStatus.Pending.ToCode() : null, cancellationToken);
    }

    public Task<IReadOnlyList<CareHandoverRecord>> ListForPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return QueryAsync("patient_id = @value", patientId, null, cancellationToken);
    }

    private async Task<IReadOnlyList<CareHandoverRecord>> QueryAsync(string where, string value, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT document FROM care_handovers WHERE {where}{(status is null ? string.Empty : " AND status = @status")} {Order}", connection);
        command.Parameters.AddWithValue("value", value);
        if (status is not null)
        {
            command.Parameters.AddWithValue("status", status);
        }

        return await PostgresDocuments.ReadAllAsync<CareHandoverRecord>(command, cancellationToken).ConfigureAwait(false);
    }
}
