using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>Reads the JSON documents a query selects as its first column.</summary>
internal static class StoredDocuments
{
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(StoredJson.Deserialize<T>(reader.GetString(0)));
        }

        return documents;
    }
}
