using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>
/// Device bindings in the directory file, served from memory. This process is the only writer of the file, so after
/// one full load the in-memory map is authoritative: every MQTT connect and publish (including those of unknown
/// devices) is answered without touching the disk.
/// </summary>
internal sealed class SqliteDeviceRegistry : IDeviceRegistry, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteDeviceRegistry> _logger;
    private readonly ConcurrentDictionary<string, DeviceBinding> _bindings = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _loaded;

    public SqliteDeviceRegistry(SqliteDatabase database, ILogger<SqliteDeviceRegistry> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    public async Task<bool> TryBindAsync(DeviceBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bindings.ContainsKey(binding.DeviceId))
            {
                return false;
            }

            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO device_bindings (device_id, patient_id, bound_at_ticks, document)
                VALUES ($deviceId, $patientId, $boundAt, $document) ON CONFLICT DO NOTHING;
                """;
            command.Parameters.AddWithValue("$deviceId", binding.DeviceId);
            command.Parameters.AddWithValue("$patientId", binding.PatientId);
            command.Parameters.AddWithValue("$boundAt", SqliteValues.Ticks(binding.BoundAt));
            command.Parameters.AddWithValue("$document", StoredJson.Serialize(binding));
            // Not cancellable past this point: a committed row must also be in the map.
            var inserted = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
            if (inserted)
            {
                _bindings[binding.DeviceId] = binding;
                _logger.LogInformation("Device {DeviceId} ({Kind}) bound to patient {PatientId}", binding.DeviceId, binding.Kind, binding.PatientId);
            }

            return inserted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> ReplaceSecretAsync(string deviceId, string secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(secretHash);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_bindings.TryGetValue(deviceId, out var binding))
            {
                return false;
            }

            var replaced = binding with { SecretHash = secretHash };
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE device_bindings SET document = $document WHERE device_id = $deviceId;";
            command.Parameters.AddWithValue("$deviceId", deviceId);
            command.Parameters.AddWithValue("$document", StoredJson.Serialize(replaced));
            // Not cancellable past this point: the file and the map must agree.
            var updated = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
            if (updated)
            {
                _bindings[deviceId] = replaced;
                _logger.LogInformation("Device {DeviceId} has a new secret", deviceId);
            }

            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _loaded
            ? ValueTask.FromResult(_bindings.GetValueOrDefault(deviceId))
            : FindAfterLoadAsync(deviceId, cancellationToken);
    }

    /// <summary>The patient's devices, in order of binding.</summary>
    public async Task<IReadOnlyList<DeviceBinding>> ListForPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _bindings.Values
            .Where(b => b.PatientId == patientId)
            .OrderBy(b => b.BoundAt)
            .ThenBy(b => b.DeviceId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Deletes the patient's bindings (with their secret hashes) from the file and the map.</summary>
    public async Task<int> UnbindPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM device_bindings WHERE patient_id = $patientId;";
            command.Parameters.AddWithValue("$patientId", patientId);
            var removed = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var binding in _bindings.Values.Where(b => b.PatientId == patientId).ToList())
            {
                _bindings.TryRemove(binding.DeviceId, out _);
            }

            if (removed > 0)
            {
                _logger.LogInformation("Unbound {Count} devices of patient {PatientId}", removed, patientId);
            }

            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Loads every binding into memory, so the first MQTT connect does not wait for the disk.</summary>
    internal Task LoadAsync(CancellationToken cancellationToken) => EnsureLoadedAsync(cancellationToken).AsTask();

    private async ValueTask<DeviceBinding?> FindAfterLoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _bindings.GetValueOrDefault(deviceId);
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT document FROM device_bindings;";
            foreach (var binding in await StoredDocuments.ReadAllAsync<DeviceBinding>(command, cancellationToken).ConfigureAwait(false))
            {
                _bindings[binding.DeviceId] = binding;
            }

            _loaded = true;
            _logger.LogInformation("Loaded {Count} device bindings", _bindings.Count);
        }
        finally
        {
            _gate.Release();
        }
    }
}
