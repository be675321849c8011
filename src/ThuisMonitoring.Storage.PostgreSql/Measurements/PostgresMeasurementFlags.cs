using Npgsql;
using NpgsqlTypes;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// Flags stored measurements in the cluster's database, as the embedded store does: a flagged row moves to the end of
/// the journal (it draws a new, highest sequence), so a journal reader that already passed it reads it again and the
/// InfluxDB forwarder rewrites the same point with <c>artefact=true</c>. The new sequence is drawn under
/// <see cref="MeasurementBatchInsert.JournalLock"/>, like every measurement commit, so journal order holds. Rows already
/// carrying the flag are left alone. The row is found by the patient's index (patient, time).
/// </summary>
internal sealed class PostgresMeasurementFlags(PostgresDatabase database) : IMeasurementFlags
{
    private const string Move = """
        UPDATE measurements SET sequence = DEFAULT, artefact = @artefact, flag = @flag
        WHERE sequence = (
            SELECT sequence FROM measurements
            WHERE patient_id = @patient AND measured_at_ticks = @measuredAt AND device_id = @device AND (artefact <> @artefact OR flag IS DISTINCT FROM @flag)
            ORDER BY sequence LIMIT 1)
        """;

    public async Task FlagAsync(string patientId, string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("lock", MeasurementBatchInsert.JournalLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = new NpgsqlCommand(Move, connection, transaction);
        command.Parameters.AddWithValue("patient", patientId);
        command.Parameters.AddWithValue("device", deviceId);
        var measuredAt = command.Parameters.Add("measuredAt", NpgsqlDbType.Bigint);
        var artefact = command.Parameters.Add("artefact", NpgsqlDbType.Boolean);
        var flag = command.Parameters.Add("flag", NpgsqlDbType.Text);
        foreach (var item in flags)
        {
            measuredAt.Value = item.MeasuredAt.UtcTicks;
            artefact.Value = item.Artefact;
            flag.Value = item.Flag;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
