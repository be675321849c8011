using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// Walks the trail from record 1, recomputing every hash: the first record that is out of sequence, does not link to
/// the hash before it, or whose content no longer matches its hash is reported. Streams the rows, so a trail of
/// millions of records is checked in constant memory. The walk is the same for every store (<see cref="WalkAsync"/>);
/// each store only streams its rows.
/// </summary>
internal static class AuditChainCheck
{
    public static ValueTask<AuditVerification> VerifyAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        WalkAsync(RowsAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Checks stored rows, in id order: each record with the previous hash stored beside it.</summary>
    public static async ValueTask<AuditVerification> WalkAsync(IAsyncEnumerable<(AuditRecord Record, string PreviousHash)> rows, CancellationToken cancellationToken)
    {
        long checkedRecords = 0;
        var previous = AuditChain.Genesis;
        await foreach (var (record, storedPrevious) in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var expectedId = checkedRecords + 1;
            if (record.Id != expectedId)
            {
                return new(checkedRecords, expectedId, $"record {expectedId} is missing (next stored record is {record.Id})", previous);
            }

            if (!string.Equals(storedPrevious, previous, StringComparison.Ordinal))
            {
                return new(checkedRecords, record.Id, $"record {record.Id} does not link to the hash of record {record.Id - 1}", previous);
            }

            if (!string.Equals(AuditChain.Hash(previous, record.Id, record.Event), record.Hash, StringComparison.Ordinal))
            {
                return new(checkedRecords, record.Id, $"record {record.Id} was changed after it was written (its hash does not match)", previous);
            }

            previous = record.Hash;
            checkedRecords++;
        }

        return new AuditVerification(checkedRecords, null, null, previous);
    }

    private static async IAsyncEnumerable<(AuditRecord, string)> RowsAsync(
        SqliteConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit_records ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return (AuditRows.Read(reader), reader.GetString(11));
        }
    }
}

/// <summary>Reading one row of <c>audit_records</c> (columns in <see cref="AuditSchema.Columns"/> order).</summary>
internal static class AuditRows
{
    public static AuditRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEvent(
            SqliteValues.Instant(reader.GetInt64(1), reader.GetInt64(2)),
            reader.GetString(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10)),
        reader.GetString(12));
}
