using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// Deleting so that the data is gone from the file, not only from the tables: <c>secure_delete</c> overwrites the
/// deleted content with zeros, and a truncating checkpoint empties the write-ahead log, which still holds the old pages.
/// <see cref="VacuumAsync"/> also rewrites the file without its free pages and the free space inside pages, where
/// earlier versions of updated rows (grain snapshots, alert documents) and entries moved by page splits linger.
/// </summary>
internal static class SecureDeletion
{
    /// <summary>Runs the statements (with <c>$patientId</c> bound) in one transaction; returns the rows they deleted.</summary>
    public static Task<long> DeleteAsync(SqliteDatabase database, string patientId, IReadOnlyList<string> statements, CancellationToken cancellationToken) =>
        DeleteAsync(database, patientId, statements, [], cancellationToken);

    /// <summary>
    /// Runs the statements, then the <paramref name="uncounted"/> ones (what is deleted beside the rows, as the patient's
    /// key), in one transaction; returns the rows the counted statements deleted.
    /// </summary>
    public static async Task<long> DeleteAsync(SqliteDatabase database, string patientId, IReadOnlyList<string> statements, IReadOnlyList<string> uncounted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.Execute(connection, "PRAGMA secure_delete = ON;");
        long removed = 0;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                removed += await RunAsync(connection, transaction, statement, patientId, cancellationToken).ConfigureAwait(false);
            }

            foreach (var statement in uncounted)
            {
                await RunAsync(connection, transaction, statement, patientId, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Checkpoint(connection);
        return removed;
    }

    private static async Task<int> RunAsync(SqliteConnection connection, SqliteTransaction transaction, string statement, string patientId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement;
        command.Parameters.AddWithValue("$patientId", patientId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites the file without free pages, then empties the log.</summary>
    public static async Task VacuumAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.Execute(connection, "VACUUM;");
        Checkpoint(connection);
    }

    /// <summary>
    /// Copies the log into the file and empties it. A reader on an older snapshot makes the checkpoint answer "busy"
    /// (a row, not an error, so nothing retries it): try again until it completes, for at most <see cref="CheckpointPatience"/>.
    /// </summary>
    public static void Checkpoint(SqliteConnection connection)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var reader = command.ExecuteReader();
            if (!reader.Read() || reader.GetInt64(0) == 0)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(deadline) > CheckpointPatience)
            {
                throw new IOException($"The write-ahead log of {connection.DataSource} could not be checkpointed within {CheckpointPatience}: a reader holds an old snapshot.");
            }

            Thread.Sleep(20);
        }
    }

    private static readonly TimeSpan CheckpointPatience = TimeSpan.FromSeconds(30);
}
