using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>Enrolled patients in the cluster's database.</summary>
internal sealed class PostgresPatientDirectory(PostgresDatabase database, ILogger<PostgresPatientDirectory> logger) : IPatientDirectory
{
    /// <summary>Adds the patient, or replaces the record of the same id (so a retried enrolment is harmless).</summary>
    public async Task AddAsync(PatientRecord patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO patients (patient_id, enrolled_at_ticks, document) VALUES (@id, @enrolledAt, @document)
            ON CONFLICT (patient_id) DO UPDATE SET enrolled_at_ticks = excluded.enrolled_at_ticks, document = excluded.document
            """, connection);
        command.Parameters.AddWithValue("id", patient.PatientId);
        command.Parameters.AddWithValue("enrolledAt", patient.EnrolledAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", patient));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Patient {PatientId} stored (pathway {Pathway}, responsible clinician {Clinician})", patient.PatientId, patient.Pathway, patient.ResponsibleClinician);
    }

    public async Task<PatientRecord?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM patients WHERE patient_id = @id", connection);
        command.Parameters.AddWithValue("id", patientId);
        return await PostgresDocuments.ReadOneAsync<PatientRecord>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PatientRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM patients ORDER BY enrolled_at_ticks, patient_id", connection);
        return await PostgresDocuments.ReadAllAsync<PatientRecord>(command, cancellationToken).ConfigureAwait(false);
    }
}
