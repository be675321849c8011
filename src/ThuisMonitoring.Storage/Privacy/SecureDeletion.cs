using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// Deleting so that the data is gone from the file, not only from the tables: <c>secure_delete</c> overwrites the
/// deleted content with zeros, and a truncating checkpoint empties the write-ahead log, which still holds the old pages.
/// <see cref="VacuumAsync"/> also rewrites the file without its free pages, where earlier versions of updated rows
/// (grain snapshots, alert documents) can linger.
/// </summary>
internal static class SecureDeletion
{
    /// <summary>Runs the statements (with <c>$patientId</c> bound) in one transaction; returns the rows they deleted.</summary>
    public static async Task<long> DeleteAsync(SqliteDatabase database, string patientId, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.Execute(connection, "PRAGMA secure_delete = ON;");
        long removed = 0;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                command.Parameters.AddWithValue("$patientId", patientId);
                removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Checkpoint(connection);
        return removed;
    }

    /// <summary>Rewrites the file without free pages, then empties the log.</summary>
    public static async Task VacuumAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.Execute(connection, "VACUUM;");
        Checkpoint(connection);
    }

    public static void Checkpoint(SqliteConnection connection) => SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
}
