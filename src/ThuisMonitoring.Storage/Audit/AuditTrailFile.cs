using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Audit;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The audit file seen from outside a running host (the <c>audit verify</c> command): opened read-only, so checking
/// it never creates, changes or locks it, also while the host is writing (WAL readers do not block the writer).
/// </summary>
public static class AuditTrailFile
{
    public static string PathIn(string dataDirectory) =>
        Path.GetFullPath(Path.Combine(dataDirectory, EmbeddedStoreOptions.AuditFileName));

    /// <summary>Verifies the chain in <paramref name="dataDirectory"/>; null when there is no audit file there.</summary>
    public static async ValueTask<AuditVerification?> VerifyAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditChainCheck.VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
