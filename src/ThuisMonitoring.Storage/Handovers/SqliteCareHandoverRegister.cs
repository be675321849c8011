using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Handovers;

/// <summary>Handovers of responsibility in the directory file (table <c>care_handovers</c>), looked up by receiver, sender and patient.</summary>
internal sealed class SqliteCareHandoverRegister : ICareHandoverRegister
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS care_handovers (
            handover_id        TEXT NOT NULL PRIMARY KEY,
            patient_id         TEXT NOT NULL,
            from_user          TEXT NOT NULL COLLATE NOCASE,
            to_user            TEXT NOT NULL COLLATE NOCASE,
            status             TEXT NOT NULL,
            requested_at_ticks INTEGER NOT NULL,
            document           TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_care_handovers_to ON care_handovers (to_user, status);
        CREATE INDEX IF NOT EXISTS ix_care_handovers_from ON care_handovers (from_user, status);
        CREATE INDEX IF NOT EXISTS ix_care_handovers_patient ON care_handovers (patient_id);
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteCareHandoverRegister> _logger;

    public SqliteCareHandoverRegister(SqliteDatabase database, ILogger<SqliteCareHandoverRegister> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(Schema);
    }

    public async Task SaveAsync(CareHandoverRecord handover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO care_handovers (handover_id, patient_id, from_user, to_user, status, requested_at_ticks, document)
            VALUES ($id, $patient, $from, $to, $status, $at, $document)
            ON CONFLICT (handover_id) DO UPDATE SET status = excluded.status, document = excluded.document;
            """;
        var h = handover.Handover;
        command.Parameters.AddWithValue("$id", h.HandoverId);
        command.Parameters.AddWithValue("$patient", handover.PatientId);
        command.Parameters.AddWithValue("$from", h.From);
        command.Parameters.AddWithValue("$to", h.To);
        command.Parameters.AddWithValue("$status", h.Status.ToCode());
        command.Parameters.AddWithValue("$at", SqliteValues.Ticks(h.RequestedAt));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(handover));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Handover {HandoverId} of patient {PatientId} ({From} -> {To}) stored as {Status}", h.HandoverId, handover.PatientId, h.From, h.To, h.Status.ToCode());
    }

    public async Task<CareHandoverRecord?> GetAsync(string handoverId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoverId);
        var found = await QueryAsync("handover_id = $value", handoverId, null, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<CareHandoverRecord>> ListForClinicianAsync(string username, bool pendingOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        return QueryAsync("(to_user = $value OR from_user = $value)", username, pendingOnly ? CareHandoverStatus.Pending.ToCode() : null, cancellationToken);
    }

    public Task<IReadOnlyList<CareHandoverRecord>> ListForPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return QueryAsync("patient_id = $value", patientId, null, cancellationToken);
    }

    private async Task<IReadOnlyList<CareHandoverRecord>> QueryAsync(string where, string value, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document FROM care_handovers WHERE {where}{(status is null ? string.Empty : " AND status = $status")} ORDER BY requested_at_ticks DESC, handover_id;";
        command.Parameters.AddWithValue("$value", value);
        if (status is not null)
        {
            command.Parameters.AddWithValue("$status", status);
        }

        return await StoredDocuments.ReadAllAsync<CareHandoverRecord>(command, cancellationToken).ConfigureAwait(false);
    }
}
