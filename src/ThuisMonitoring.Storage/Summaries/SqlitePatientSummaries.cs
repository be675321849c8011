using System.Collections.Immutable;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The overview's read model in its own file, <c>summaries.db</c> (table <c>patient_summaries</c>): a patient grain
/// writes it on every save, so it must not wait on a lock of the directory file. Writes are group-committed by
/// <see cref="PatientSummaryWriter"/>. Reads answer from an in-memory copy: the file is read once, at the first read
/// after the process started, and from then on every stored summary replaces its patient's entry right after its
/// commit (before its caller is answered), and an erasure drops it (<see cref="SummaryErasure"/>). So a read sees
/// every write that has completed, as a read of the file would; the file is the only writer of summaries.db while
/// the host runs (the embedded stores are one process).
/// </summary>
internal sealed class SqlitePatientSummaries : IPatientSummaries, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly PatientSummaryWriter _writer;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();

    // Null until the first read has loaded the file; replaced whole (an immutable map), so a reader holds a snapshot.
    private ImmutableDictionary<string, PatientSummary>? _copy;

    // While the file is being loaded: the changes committed meanwhile, applied over what the load read, in order.
    private List<(string PatientId, PatientSummary? Summary)>? _changedWhileLoading;

    /// <summary>The file of the overview's read model in the data directory.</summary>
    public const string FileName = "summaries.db";

    public SqlitePatientSummaries(EmbeddedStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(FileName));
        _database.EnsureSchema(PatientSummarySchema.Sql);
        _writer = new PatientSummaryWriter(_database, summary => Changed(summary.PatientId, summary));
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
        return (await CopyAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(patientId);
    }

    public async Task<IReadOnlyDictionary<string, PatientSummary>> ListAsync(CancellationToken cancellationToken) =>
        await CopyAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The patient's summary was erased from the file (or the erasure failed part-way): the copy takes the file's row
    /// again, read under the lock the writer's commits take, so no commit can slip between the read and the copy.
    /// </summary>
    internal void Reread(string patientId)
    {
        lock (_gate)
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT document FROM patient_summaries WHERE patient_id = $patientId;";
            command.Parameters.AddWithValue("$patientId", patientId);
            var summary = command.ExecuteScalar() is string json ? StoredJson.Deserialize<PatientSummary>(json) : null;
            TakeLocked(patientId, summary);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _loading.Dispose();
    }

    private ValueTask<ImmutableDictionary<string, PatientSummary>> CopyAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _copy) is { } copy ? ValueTask.FromResult(copy) : new ValueTask<ImmutableDictionary<string, PatientSummary>>(LoadAsync(cancellationToken));

    private async Task<ImmutableDictionary<string, PatientSummary>> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _copy) is { } loaded)
            {
                return loaded;
            }

            lock (_gate)
            {
                _changedWhileLoading = [];
            }

            IReadOnlyList<PatientSummary> stored;
            try
            {
                await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT document FROM patient_summaries;";
                stored = await StoredDocuments.ReadAllAsync<PatientSummary>(command, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                lock (_gate)
                {
                    _changedWhileLoading = null;
                }

                throw;
            }

            var builder = ImmutableDictionary.CreateBuilder<string, PatientSummary>(StringComparer.Ordinal);
            foreach (var summary in stored)
            {
                builder[summary.PatientId] = summary;
            }

            lock (_gate)
            {
                // A change committed after the load began may or may not be in what it read: applied again, in commit order,
                // each leaves the patient's entry as the file had it then.
                foreach (var (patientId, summary) in _changedWhileLoading!)
                {
                    Apply(builder, patientId, summary);
                }

                _changedWhileLoading = null;
                var copy = builder.ToImmutable();
                Volatile.Write(ref _copy, copy);
                return copy;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The file now holds <paramref name="summary"/> for the patient (null: no row).</summary>
    private void Changed(string patientId, PatientSummary? summary)
    {
        lock (_gate)
        {
            TakeLocked(patientId, summary);
        }
    }

    private void TakeLocked(string patientId, PatientSummary? summary)
    {
        _changedWhileLoading?.Add((patientId, summary));
        if (_copy is { } copy)
        {
            Volatile.Write(ref _copy, summary is null ? copy.Remove(patientId) : copy.SetItem(patientId, summary));
        }
    }

    private static void Apply(ImmutableDictionary<string, PatientSummary>.Builder builder, string patientId, PatientSummary? summary)
    {
        if (summary is null)
        {
            builder.Remove(patientId);
        }
        else
        {
            builder[patientId] = summary;
        }
    }
}
