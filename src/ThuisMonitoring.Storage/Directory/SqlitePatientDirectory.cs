using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Enrolled patients in the directory file.</summary>
internal sealed class SqlitePatientDirectory : IPatientDirectory
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqlitePatientDirectory> _logger;

    public SqlitePatientDirectory(SqliteDatabase database, ILogger<SqlitePatientDirectory> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    /// <summary>Adds the patient, or replaces the record of the same id (so a retried enrolment is harmless).</summary>
    public async Task AddAsync(PatientRecord patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO patients (patient_id, enrolled_at_ticks, document) VALUES ($id, $enrolledAt, $document)
            ON CONFLICT (patient_id) DO UPDATE SET enrolled_at_ticks = excluded.enrolled_at_ticks, document = excluded.document;
            """;
        command.Parameters.AddWithValue("$id", patient.PatientId);
        command.Parameters.AddWithValue("$enrolledAt", SqliteValues.Ticks(patient.EnrolledAt));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(patient));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Patient {PatientId} stored (pathway {Pathway}, responsible clinician {Clinician})", patient.PatientId, patient.Pathway, patient.ResponsibleClinician);
    }

    public async Task<PatientRecord?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patients WHERE patient_id = $id;";
        command.Parameters.AddWithValue("$id", patientId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<PatientRecord>(json)
            : null;
    }

    /// <summary>All patients, in order of enrolment.</summary>
    public async Task<IReadOnlyList<PatientRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patients ORDER BY enrolled_at_ticks, patient_id;";
        return await StoredDocuments.ReadAllAsync<PatientRecord>(command, cancellationToken).ConfigureAwait(false);
    }
}
