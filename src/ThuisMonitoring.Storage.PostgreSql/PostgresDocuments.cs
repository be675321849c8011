using Npgsql;
using NpgsqlTypes;

namespace ThuisMonitoring.Storage.PostgreSql;

/// <summary>Records kept as JSON documents (jsonb) in the embedded stores' one shape, <see cref="StoredJson"/>.</summary>
internal static class PostgresDocuments
{
    public static NpgsqlParameter Parameter<T>(string name, T value) =>
        new(name, NpgsqlDbType.Jsonb) { Value = StoredJson.Serialize(value) };

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(StoredJson.Deserialize<T>(reader.GetString(0)));
        }

        return documents;
    }

    public static async Task<T?> ReadOneAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
        where T : class =>
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? StoredJson.Deserialize<T>(json) : null;
}
