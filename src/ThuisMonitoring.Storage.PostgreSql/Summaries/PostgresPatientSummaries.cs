using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;

namespace ThuisMonitoring.Storage.PostgreSql.Summaries;

/// <summary>
/// The overview's read model in the cluster's database (table <c>patient_summaries</c>): a console on any host lists
/// every host's patients. A copy older than the stored one (by <see cref="PatientSummary.WrittenAt"/>) is ignored.
/// </summary>
internal sealed class PostgresPatientSummaries(PostgresDatabase database) : IPatientSummaries
{
    public Task SaveAsync(PatientSummary summary, CancellationToken cancellationToken) =>
        WriteAsync(summary, """
            INSERT INTO patient_summaries (patient_id, written_at_ticks, document) VALUES (@patient, @writtenAt, @document)
            ON CONFLICT (patient_id) DO UPDATE SET written_at_ticks = excluded.written_at_ticks, document = excluded.document
            WHERE excluded.written_at_ticks >= patient_summaries.written_at_ticks
            """, cancellationToken);

    public Task AddMissingAsync(PatientSummary summary, CancellationToken cancellationToken) =>
        WriteAsync(summary, """
            INSERT INTO patient_summaries (patient_id, written_at_ticks, document) VALUES (@patient, @writtenAt, @document)
            ON CONFLICT (patient_id) DO NOTHING
            """, cancellationToken);

    public async Task<PatientSummary?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM patient_summaries WHERE patient_id = @patient", connection);
        command.Parameters.AddWithValue("patient", patientId);
        return await PostgresDocuments.ReadOneAsync<PatientSummary>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, PatientSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM patient_summaries", connection);
        var summaries = await PostgresDocuments.ReadAllAsync<PatientSummary>(command, cancellationToken).ConfigureAwait(false);
        return summaries.ToDictionary(s => s.PatientId, StringComparer.Ordinal);
    }

    private async Task WriteAsync(PatientSummary summary, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("patient", summary.PatientId);
        command.Parameters.AddWithValue("writtenAt", summary.WrittenAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", summary));
        // Once sent the write commits or not as a whole; the caller waits for it, not for the token.
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
