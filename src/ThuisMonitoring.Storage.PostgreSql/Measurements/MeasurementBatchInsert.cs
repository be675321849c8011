using Npgsql;
using NpgsqlTypes;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// One batch of measurements as one multi-row insert: each column is one array parameter, unnested into rows, so a
/// batch of thousands is one statement and one round trip. A repeated (device_id, message_id), also within the
/// batch or from another host, is skipped by the unique index (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
internal static class MeasurementBatchInsert
{
    /// <summary>The advisory lock held by every measurement commit of the cluster, from before its first sequence is drawn until it commits.</summary>
    public const long JournalLock = 0x7468_6d5f_6a6f_7572;

    private const string Insert = """
        INSERT INTO measurements (
            patient_id, device_id, organisation, source, message_id,
            measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
            spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact)
        SELECT * FROM unnest(
            @patient_id, @device_id, @organisation, @source, @message_id,
            @measured_at_ticks, @measured_at_offset, @received_at_ticks, @received_at_offset,
            @spo2, @heart_rate, @respiratory_rate, @oxygen_flow, @temperature, @perfusion_index, @feeling, @exertion, @artefact)
        ON CONFLICT DO NOTHING
        RETURNING device_id, message_id
        """;

    /// <summary>
    /// Writes the batch in one transaction under <see cref="JournalLock"/> and commits it; returns, per measurement,
    /// whether it was stored (false: a duplicate). Of duplicates within the batch the first is the one stored.
    /// </summary>
    public static async Task<bool[]> WriteAsync(NpgsqlConnection connection, IReadOnlyList<StoredMeasurement> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("lock", JournalLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var inserted = new HashSet<(string Device, string Message)>();
        await using (var insert = new NpgsqlCommand(Insert, connection, transaction))
        {
            Bind(insert.Parameters, batch);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsDBNull(1))
                {
                    inserted.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var stored = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var measurement = batch[i];
            stored[i] = measurement.Measurement.MessageId is not { } messageId || inserted.Remove((measurement.DeviceId, messageId));
        }

        return stored;
    }

    private static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<StoredMeasurement> batch)
    {
        var n = batch.Count;
        var patient = new string[n];
        var device = new string[n];
        var organisation = new string?[n];
        var source = new string[n];
        var message = new string?[n];
        var measuredAt = new long[n];
        var measuredOffset = new int[n];
        var receivedAt = new long[n];
        var receivedOffset = new int[n];
        var spo2 = new int?[n];
        var heartRate = new int?[n];
        var respiratoryRate = new int?[n];
        var oxygenFlow = new double?[n];
        var temperature = new double?[n];
        var perfusionIndex = new double?[n];
        var feeling = new string?[n];
        var exertion = new bool[n];
        var artefact = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var stored = batch[i];
            var m = stored.Measurement;
            patient[i] = stored.PatientId;
            device[i] = stored.DeviceId;
            organisation[i] = stored.Organisation;
            source[i] = stored.Source.ToCode();
            message[i] = m.MessageId;
            measuredAt[i] = m.MeasuredAt.UtcTicks;
            measuredOffset[i] = MeasurementColumns.OffsetMinutes(m.MeasuredAt);
            receivedAt[i] = stored.ReceivedAt.UtcTicks;
            receivedOffset[i] = MeasurementColumns.OffsetMinutes(stored.ReceivedAt);
            spo2[i] = m.Spo2;
            heartRate[i] = m.HeartRate;
            respiratoryRate[i] = m.RespiratoryRate;
            oxygenFlow[i] = m.OxygenFlow;
            temperature[i] = m.Temperature;
            perfusionIndex[i] = m.PerfusionIndex;
            feeling[i] = m.Feeling?.ToCode();
            exertion[i] = m.Exertion;
            artefact[i] = stored.Artefact;
        }

        Add(parameters, "patient_id", NpgsqlDbType.Text, patient);
        Add(parameters, "device_id", NpgsqlDbType.Text, device);
        Add(parameters, "organisation", NpgsqlDbType.Text, organisation);
        Add(parameters, "source", NpgsqlDbType.Text, source);
        Add(parameters, "message_id", NpgsqlDbType.Text, message);
        Add(parameters, "measured_at_ticks", NpgsqlDbType.Bigint, measuredAt);
        Add(parameters, "measured_at_offset", NpgsqlDbType.Integer, measuredOffset);
        Add(parameters, "received_at_ticks", NpgsqlDbType.Bigint, receivedAt);
        Add(parameters, "received_at_offset", NpgsqlDbType.Integer, receivedOffset);
        Add(parameters, "spo2", NpgsqlDbType.Integer, spo2);
        Add(parameters, "heart_rate", NpgsqlDbType.Integer, heartRate);
        Add(parameters, "respiratory_rate", NpgsqlDbType.Integer, respiratoryRate);
        Add(parameters, "oxygen_flow", NpgsqlDbType.Double, oxygenFlow);
        Add(parameters, "temperature", NpgsqlDbType.Double, temperature);
        Add(parameters, "perfusion_index", NpgsqlDbType.Double, perfusionIndex);
        Add(parameters, "feeling", NpgsqlDbType.Text, feeling);
        Add(parameters, "exertion", NpgsqlDbType.Boolean, exertion);
        Add(parameters, "artefact", NpgsqlDbType.Boolean, artefact);
    }

    private static void Add(NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, Array values) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values });
}
