using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// Flags stored measurements beside the writer. A flagged row moves to the end of the journal (it takes a new, highest
/// rowid), so a journal reader that already passed it reads it again: the InfluxDB forwarder rewrites the same point
/// (same series and time) with <c>artefact=true</c>. Rows already carrying the flag are left alone.
/// </summary>
internal sealed class SqliteMeasurementFlags(SqliteMeasurementStore store) : IMeasurementFlags
{
    private const string Move = """
        UPDATE measurements
        SET id = (SELECT MAX(id) FROM measurements) + 1, artefact = $artefact, flag = $flag
        WHERE id = (
            SELECT id FROM measurements
            WHERE device_id = $deviceId AND measured_at_ticks = $measuredAt AND (artefact <> $artefact OR flag IS NOT $flag)
            ORDER BY id LIMIT 1);
        """;

    public async Task FlagAsync(string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Count == 0)
        {
            return;
        }

        await using var connection = await store.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Move;
        var device = command.Parameters.AddWithValue("$deviceId", deviceId);
        var measuredAt = command.Parameters.Add("$measuredAt", Microsoft.Data.Sqlite.SqliteType.Integer);
        var artefact = command.Parameters.Add("$artefact", Microsoft.Data.Sqlite.SqliteType.Integer);
        var flag = command.Parameters.Add("$flag", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var item in flags)
        {
            measuredAt.Value = SqliteValues.Ticks(item.MeasuredAt);
            artefact.Value = item.Artefact ? 1 : 0;
            flag.Value = item.Flag;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
