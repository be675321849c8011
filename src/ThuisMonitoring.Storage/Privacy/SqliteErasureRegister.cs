using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// Erasure requests in their own file, <c>privacy.db</c>: kept after the erasure as the record of who asked and who
/// approved (with the patient's pseudonymous id, like the audit trail), and apart from the patient data files, which
/// the erasure leaves without a trace of the patient.
/// </summary>
internal sealed class SqliteErasureRegister : IErasureRegister
{
    public const string FileName = "privacy.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS erasure_requests (
            erasure_id          TEXT NOT NULL PRIMARY KEY,
            requested_at_ticks  INTEGER NOT NULL,
            document            TEXT NOT NULL
        );
        """;

    private readonly SqliteDatabase _database;

    public SqliteErasureRegister(EmbeddedStoreOptions options)
    {
        _database = new SqliteDatabase(options.PathOf(FileName));
        _database.EnsureSchema(Schema);
    }

    public async Task SaveAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO erasure_requests (erasure_id, requested_at_ticks, document) VALUES ($id, $at, $document)
            ON CONFLICT (erasure_id) DO UPDATE SET document = excluded.document;
            """;
        command.Parameters.AddWithValue("$id", request.ErasureId);
        command.Parameters.AddWithValue("$at", SqliteValues.Ticks(request.RequestedAt));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(request));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureRequest?> GetAsync(string erasureId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM erasure_requests WHERE erasure_id = $id;";
        command.Parameters.AddWithValue("$id", erasureId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<ErasureRequest>(json)
            : null;
    }

    public async Task<IReadOnlyList<ErasureRequest>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM erasure_requests ORDER BY requested_at_ticks DESC, erasure_id DESC;";
        return await StoredDocuments.ReadAllAsync<ErasureRequest>(command, cancellationToken).ConfigureAwait(false);
    }
}
