using Npgsql;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// Thins the raw continuous oximeter samples in the cluster's measurements table as <see cref="RetentionRule.IsRawSampleDue"/>
/// says, one statement per organisation (the embedded store's window functions, in PostgreSQL). Hosts that purge at
/// the same moment are harmless: the second finds the samples gone.
/// </summary>
internal sealed class PostgresRawMeasurementRetention(PostgresDatabase database) : IRawMeasurementRetention
{
    private const string ThinDue = """
        WITH due AS (
            SELECT sequence FROM (
                SELECT sequence, measured_at_ticks AS at,
                    LAG(measured_at_ticks) OVER stream AS previous_at,
                    LEAD(measured_at_ticks) OVER stream AS next_at,
                    ROW_NUMBER() OVER (PARTITION BY device_id, measured_at_ticks / @interval ORDER BY measured_at_ticks, sequence) AS nth
                FROM measurements
                WHERE source = @oximeter AND organisation IS NOT DISTINCT FROM @organisation AND measured_at_ticks < @cutoff
                WINDOW stream AS (PARTITION BY device_id ORDER BY measured_at_ticks, sequence)) samples
            WHERE nth > 1 AND ((previous_at IS NOT NULL AND at - previous_at <= @gap) OR (next_at IS NOT NULL AND next_at - at <= @gap))),
        removed AS (
            DELETE FROM measurements m USING due WHERE m.sequence = due.sequence RETURNING m.patient_id)
        SELECT patient_id, count(*) FROM removed GROUP BY patient_id
        """;

    public string Store => "measurements";

    public async Task<IReadOnlyDictionary<string, long>> ThinRawAsync(RawMeasurementScope scope, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ThinDue, connection);
        command.Parameters.AddWithValue("interval", RetentionRule.ThinnedInterval.Ticks);
        command.Parameters.AddWithValue("oximeter", DeviceKind.Oximeter.ToCode());
        command.Parameters.Add(new NpgsqlParameter("organisation", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)scope.Organisation ?? DBNull.Value });
        command.Parameters.AddWithValue("cutoff", cutoff.UtcTicks);
        command.Parameters.AddWithValue("gap", RetentionRule.StreamGap.Ticks);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            removed[reader.GetString(0)] = reader.GetInt64(1);
        }

        return removed;
    }

    public async Task<IReadOnlyList<string?>> OrganisationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT DISTINCT organisation FROM measurements", connection);
        var organisations = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            organisations.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return organisations;
    }
}
