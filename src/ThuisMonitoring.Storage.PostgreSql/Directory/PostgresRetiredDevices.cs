using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>Retired patient-app bindings (with their secret hashes) in the cluster's database, one row per device.</summary>
internal sealed class PostgresRetiredDevices(PostgresDatabase database) : IRetiredDevices
{
    public async Task RetireAsync(IReadOnlyList<DeviceBinding> bindings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        if (bindings.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var binding in bindings)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO retired_devices (device_id, patient_id, retired_at_ticks, document) VALUES (@device, @patient, @at, @document)
                ON CONFLICT (device_id) DO UPDATE SET patient_id = excluded.patient_id, retired_at_ticks = excluded.retired_at_ticks, document = excluded.document
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter("device", binding.DeviceId),
                    new NpgsqlParameter("patient", binding.PatientId),
                    new NpgsqlParameter("at", at.UtcTicks),
                    PostgresDocuments.Parameter("document", binding),
                },
            });
        }

        // A batch is one implicit transaction: all bindings are retired or none.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM retired_devices WHERE device_id = @device", connection);
        command.Parameters.AddWithValue("device", deviceId);
        return await PostgresDocuments.ReadOneAsync<DeviceBinding>(command, cancellationToken).ConfigureAwait(false);
    }
}
