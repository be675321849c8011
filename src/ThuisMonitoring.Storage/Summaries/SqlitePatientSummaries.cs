using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The overview's read model in its own file, <c>summaries.db</c> (table <c>patient_summaries</c>): a patient grain
/// writes it on every save, so it must not wait on a lock of the directory file. Writes are group-committed by
/// <see cref="PatientSummaryWriter"/>. Reads answer from an in-memory copy (<see cref="DocumentCopy{T}"/>): the file
/// is read once per process, then every stored summary replaces its patient's entry right after its commit (before
/// its caller is answered) and an erasure drops it (<see cref="SummaryErasure"/>), so a read sees every write that has
/// completed. This process is the file's only writer (the embedded stores are one host).
/// </summary>
internal sealed class SqlitePatientSummaries : IPatientSummaries, IDisposable
{
    private const string SelectOneSql = "SELECT document FROM patient_summaries WHERE patient_id = $patientId;";

    private readonly SqliteDatabase _database;
    private readonly PatientSummaryWriter _writer;
    private readonly DocumentCopy<PatientSummary> _copy;

    /// <summary>The file of the overview's read model in the data directory.</summary>
    public const string FileName = "summaries.db";

    public SqlitePatientSummaries(EmbeddedStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(FileName));
        _database.EnsureSchema(PatientSummarySchema.Sql);
        _copy = new DocumentCopy<PatientSummary>(ReadAllAsync, s => s.PatientId);
        _writer = new PatientSummaryWriter(_database, summary => _copy.Take(summary.PatientId, summary));
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
        return (await _copy.ReadAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(patientId);
    }

    public async Task<IReadOnlyDictionary<string, PatientSummary>> ListAsync(CancellationToken cancellationToken) =>
        await _copy.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The patient's row was erased (or the erasure failed part-way): the copy takes what the file holds now.</summary>
    internal void Reread(string patientId) => _copy.Reread(patientId, () =>
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectOneSql;
        command.Parameters.AddWithValue("$patientId", patientId);
        return command.ExecuteScalar() is string json ? StoredJson.Deserialize<PatientSummary>(json) : null;
    });

    public void Dispose()
    {
        _writer.Dispose();
        _copy.Dispose();
    }

    private async Task<IReadOnlyList<PatientSummary>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM patient_summaries;";
        return await StoredDocuments.ReadAllAsync<PatientSummary>(command, cancellationToken).ConfigureAwait(false);
    }
}
