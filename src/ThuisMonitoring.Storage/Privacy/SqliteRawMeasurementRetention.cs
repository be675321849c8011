using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// Thins the raw continuous oximeter samples in <c>measurements.db</c> as <see cref="RetentionRule.IsRawSampleDue"/>
/// says, in one statement per organisation: window functions find each sample's neighbours of the same device and its
/// place in its minute. Spot checks, patient-app reports and the first sample of every minute stay.
/// </summary>
internal sealed class SqliteRawMeasurementRetention(Func<SqliteDatabase> database, Action<long> removedRows) : IRawMeasurementRetention
{
    private const string SelectDue = """
        CREATE TEMP TABLE raw_due AS
        SELECT id, patient_id FROM (
            SELECT id, patient_id, measured_at_ticks AS at,
                LAG(measured_at_ticks) OVER stream AS previous_at,
                LEAD(measured_at_ticks) OVER stream AS next_at,
                ROW_NUMBER() OVER (PARTITION BY device_id, measured_at_ticks / $interval ORDER BY measured_at_ticks, id) AS nth
            FROM measurements
            WHERE source = $oximeter AND organisation IS $organisation AND measured_at_ticks < $cutoff
            WINDOW stream AS (PARTITION BY device_id ORDER BY measured_at_ticks, id))
        WHERE nth > 1 AND ((previous_at IS NOT NULL AND at - previous_at <= $gap) OR (next_at IS NOT NULL AND next_at - at <= $gap));
        """;

    private readonly Lazy<SqliteDatabase> _database = new(database);

    public string Store => "measurements";

    public async Task<IReadOnlyDictionary<string, long>> ThinRawAsync(RawMeasurementScope scope, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await _database.Value.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.Execute(connection, "PRAGMA secure_delete = ON;");
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            Run(connection, transaction, "DROP TABLE IF EXISTS temp.raw_due;");
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = SelectDue;
                select.Parameters.AddWithValue("$interval", RetentionRule.ThinnedInterval.Ticks);
                select.Parameters.AddWithValue("$oximeter", DeviceKind.Oximeter.ToCode());
                select.Parameters.AddWithValue("$organisation", SqliteValues.OrNull(scope.Organisation));
                select.Parameters.AddWithValue("$cutoff", SqliteValues.Ticks(cutoff));
                select.Parameters.AddWithValue("$gap", RetentionRule.StreamGap.Ticks);
                await select.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var count = connection.CreateCommand())
            {
                count.Transaction = transaction;
                count.CommandText = "SELECT patient_id, COUNT(*) FROM temp.raw_due GROUP BY patient_id;";
                await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    removed[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            Run(connection, transaction, "DELETE FROM measurements WHERE id IN (SELECT id FROM temp.raw_due); DROP TABLE temp.raw_due;");
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        SqliteDatabase.Execute(connection, "PRAGMA secure_delete = OFF;");
        removedRows(removed.Values.Sum());
        if (removed.Count > 0)
        {
            SecureDeletion.Checkpoint(connection);
        }

        return removed;
    }

    public async Task<IReadOnlyList<string?>> OrganisationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.Value.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT organisation FROM measurements;";
        var organisations = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            organisations.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return organisations;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
