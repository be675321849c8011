using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>
/// Enrolled patients in the directory file. Reads answer from an in-memory copy (<see cref="DocumentCopy{T}"/>): the
/// table is read once per process, a record written here is read back into the copy right after its write, and the
/// erasure has the patient's row read again (<see cref="Privacy.DirectoryErasure"/>). This process is the file's only writer.
/// </summary>
internal sealed class SqlitePatientDirectory : IPatientDirectory, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqlitePatientDirectory> _logger;
    private readonly DocumentCopy<PatientRecord> _copy;
    private Listed? _listed;

    public SqlitePatientDirectory(SqliteDatabase database, ILogger<SqlitePatientDirectory> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
        _copy = new DocumentCopy<PatientRecord>(ReadAllAsync, p => p.PatientId);
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
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Read back rather than taken as given (also after a failure): of two writes of one patient racing, the copy ends as the file does.
            Reread(patient.PatientId);
        }

        _logger.LogInformation("Patient {PatientId} stored (pathway {Pathway}, responsible clinician {Clinician})", patient.PatientId, patient.Pathway, patient.ResponsibleClinician);
    }

    public async Task<PatientRecord?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return (await _copy.ReadAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(patientId);
    }

    /// <summary>All patients, in order of enrolment (sorted again only after a change).</summary>
    public async Task<IReadOnlyList<PatientRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var copy = await _copy.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _listed) is { } listed && ReferenceEquals(listed.Copy, copy))
        {
            return listed.InOrder;
        }

        PatientRecord[] inOrder = [.. copy.Values
            .OrderBy(p => SqliteValues.Ticks(p.EnrolledAt))
            .ThenBy(p => p.PatientId, StringComparer.Ordinal)];
        Volatile.Write(ref _listed, new Listed(copy, inOrder));
        return inOrder;
    }

    /// <summary>The patient's row may have changed (a write, an erasure): the copy takes what the file holds now.</summary>
    internal void Reread(string patientId) => _copy.Reread(patientId, () =>
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patients WHERE patient_id = $id;";
        command.Parameters.AddWithValue("$id", patientId);
        return command.ExecuteScalar() is string json ? StoredJson.Deserialize<PatientRecord>(json) : null;
    });

    /// <summary>The list in order of enrolment, as sorted from one snapshot of the copy.</summary>
    private sealed record Listed(ImmutableDictionary<string, PatientRecord> Copy, IReadOnlyList<PatientRecord> InOrder);

    public void Dispose() => _copy.Dispose();

    private async Task<IReadOnlyList<PatientRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patients;";
        return await StoredDocuments.ReadAllAsync<PatientRecord>(command, cancellationToken).ConfigureAwait(false);
    }
}
