using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The overview's read model in its own file, <c>summaries.db</c> (table <c>patient_summaries</c>): a patient grain
/// writes it on every save, so it must not wait on a lock of the directory file. Writes are group-committed by
/// <see cref="PatientSummaryWriter"/>; reads go straight to the file and see every write that has completed. An
/// erasure removes a patient's row (store <c>summaries</c>, registered with the store).
/// </summary>
internal sealed class SqlitePatientSummaries : IPatientSummaries, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly PatientSummaryWriter _writer;

    /// <summary>The file of the overview's read model in the data directory.</summary>
    public const string FileName = "summaries.db";

    public SqlitePatientSummaries(EmbeddedStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(FileName));
        _database.EnsureSchema(PatientSummarySchema.Sql);
        _writer = new PatientSummaryWriter(_database);
    }

    internal SqliteDatabase Database => _database;

    public Task SaveAsync(PatientSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        cancellationToken.ThrowIfCancellationRequested();
        // Once queued the change is committed with its batch, so the caller waits for the commit and not the token.
        return _writer.WriteAsync(summary, onlyIfMissing: false);
    }

    public Task AddMissingAsync(PatientSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.WriteAsync(summary, onlyIfMissing: true);
    }

    public async Task<PatientSummary?> GetAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patient_summaries WHERE patient_id = $patientId;";
        command.Parameters.AddWithValue("$patientId", patientId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<PatientSummary>(json)
            : null;
    }

    public async Task<IReadOnlyDictionary<string, PatientSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patient_summaries;";
        var summaries = await StoredDocuments.ReadAllAsync<PatientSummary>(command, cancellationToken).ConfigureAwait(false);
        return summaries.ToDictionary(s => s.PatientId, StringComparer.Ordinal);
    }

    public void Dispose() => _writer.Dispose();
}
