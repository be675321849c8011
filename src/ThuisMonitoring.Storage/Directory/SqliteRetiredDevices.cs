using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Retired patient-app bindings (with their secret hashes) in the directory file, one row per device.</summary>
internal sealed class SqliteRetiredDevices : IRetiredDevices
{
    private readonly SqliteDatabase _database;

    public SqliteRetiredDevices(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    public async Task RetireAsync(IReadOnlyList<DeviceBinding> bindings, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        if (bindings.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        foreach (var binding in bindings)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO retired_devices (device_id, patient_id, retired_at_ticks, document) VALUES ($device, $patient, $at, $document)
                ON CONFLICT (device_id) DO UPDATE SET patient_id = excluded.patient_id, retired_at_ticks = excluded.retired_at_ticks, document = excluded.document;
                """;
            command.Parameters.AddWithValue("$device", binding.DeviceId);
            command.Parameters.AddWithValue("$patient", binding.PatientId);
            command.Parameters.AddWithValue("$at", at.UtcTicks);
            command.Parameters.AddWithValue("$document", StoredJson.Serialize(binding));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        transaction.Commit();
    }

    public async Task<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM retired_devices WHERE device_id = $device;";
        command.Parameters.AddWithValue("$device", deviceId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document
            ? StoredJson.Deserialize<DeviceBinding>(document)
            : null;
    }
}
