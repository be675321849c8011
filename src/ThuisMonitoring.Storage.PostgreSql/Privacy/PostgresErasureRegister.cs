using Npgsql;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Storage.PostgreSql.Privacy;

/// <summary>Erasure requests in the cluster's database, kept after the erasure as the record of who asked and who approved.</summary>
internal sealed class PostgresErasureRegister(PostgresDatabase database) : IErasureRegister
{
    public async Task SaveAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO erasure_requests (erasure_id, requested_at_ticks, document) VALUES (@id, @at, @document)
            ON CONFLICT (erasure_id) DO UPDATE SET document = excluded.document
            """, connection);
        command.Parameters.AddWithValue("id", request.ErasureId);
        command.Parameters.AddWithValue("at", request.RequestedAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", request));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureRequest?> GetAsync(string erasureId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM erasure_requests WHERE erasure_id = @id", connection);
        command.Parameters.AddWithValue("id", erasureId);
        return await PostgresDocuments.ReadOneAsync<ErasureRequest>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ErasureRequest>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM erasure_requests ORDER BY requested_at_ticks DESC, erasure_id COLLATE \"C\" DESC", connection);
        return await PostgresDocuments.ReadAllAsync<ErasureRequest>(command, cancellationToken).ConfigureAwait(false);
    }
}
