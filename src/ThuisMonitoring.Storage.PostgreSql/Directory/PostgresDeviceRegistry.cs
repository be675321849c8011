using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.PostgreSql.Notifications;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>
/// Device bindings in the cluster's database, read through a short cache on each host (every MQTT connect and
/// publish looks a device up). Every bind and unbind announces the device on the <see cref="Channel"/> channel
/// (<c>pg_notify</c> in the same statement, delivered when it commits); each host listens on the cluster's backplane
/// (<see cref="PostgresNotifications"/>) and drops the device from its cache at once, so a device bound through host 1
/// connects to host 2 straight away and a device unbound anywhere is refused everywhere. While a host is not listening (connection lost, reconnecting) it caches nothing and asks the
/// database every time; the cache lifetime bounds the damage of an announcement lost in between.
/// </summary>
internal sealed class PostgresDeviceRegistry : IDeviceRegistry, IAsyncDisposable
{
    /// <summary>The LISTEN/NOTIFY channel; the payload is the device id.</summary>
    public const string Channel = "device_bindings";

    // Unknown device ids are cached too (a device retrying with a wrong id must not cost a query per attempt), so the
    // cache is bounded: past this many entries it starts afresh.
    private const int MaxCachedDevices = 200_000;

    private readonly PostgresDatabase _database;
    private readonly PostgresNotifications _notifications;
    private readonly ILogger<PostgresDeviceRegistry> _logger;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _listener;

    // Raised by every announcement and every change of listening: a look-up caches its answer only when nothing was
    // announced while it read, so a stale answer never outlives the announcement that made it stale.
    private long _generation;
    private volatile bool _listening;
    private int _disposed;

    public PostgresDeviceRegistry(
        PostgresDatabase database, PostgresNotifications notifications, PostgresStoreOptions options, ILogger<PostgresDeviceRegistry> logger)
    {
        _database = database;
        _notifications = notifications;
        _logger = logger;
        _lifetime = options.DeviceCacheLifetime;
        _listener = Task.Run(ListenAsync);
    }

    /// <summary>Completes once this host listens for announcements (start-up waits for it, so the cache is live before devices connect).</summary>
    public Task Listening => _firstListen.Task;

    public async Task<bool> TryBindAsync(DeviceBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            WITH bound AS (
                INSERT INTO device_bindings (device_id, patient_id, bound_at_ticks, document)
                VALUES (@device, @patient, @boundAt, @document) ON CONFLICT DO NOTHING
                RETURNING device_id)
            SELECT pg_notify('{Channel}', device_id) FROM bound
            """, connection);
        command.Parameters.AddWithValue("device", binding.DeviceId);
        command.Parameters.AddWithValue("patient", binding.PatientId);
        command.Parameters.AddWithValue("boundAt", binding.BoundAt.UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", binding));
        var bound = false;
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                bound = true;
            }
        }

        Forget(binding.DeviceId);
        if (bound)
        {
            _logger.LogInformation("Device {DeviceId} ({Kind}) bound to patient {PatientId}", binding.DeviceId, binding.Kind, binding.PatientId);
        }

        return bound;
    }

    /// <summary>A new secret for a bound device (the patient app's pairing), announced like a binding so every host drops its cached one.</summary>
    public async Task<bool> ReplaceSecretAsync(string deviceId, string secretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(secretHash);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            WITH replaced AS (
                UPDATE device_bindings SET document = jsonb_set(document, @path, to_jsonb(@hash::text))
                WHERE device_id = @device
                RETURNING device_id)
            SELECT pg_notify('{Channel}', device_id) FROM replaced
            """, connection);
        command.Parameters.AddWithValue("device", deviceId);
        command.Parameters.AddWithValue("hash", secretHash);
        command.Parameters.AddWithValue("path", new[] { "secretHash" });
        var replaced = false;
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                replaced = true;
            }
        }

        Forget(deviceId);
        if (replaced)
        {
            _logger.LogInformation("Device {DeviceId} has a new secret", deviceId);
        }

        return replaced;
    }

    public ValueTask<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _cache.TryGetValue(deviceId, out var entry) && _time.GetElapsedTime(entry.FetchedAt) < _lifetime
            ? ValueTask.FromResult(entry.Binding)
            : ReadThroughAsync(deviceId, cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceBinding>> ListForPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT document FROM device_bindings WHERE patient_id = @patient ORDER BY bound_at_ticks, device_id COLLATE \"C\"", connection);
        command.Parameters.AddWithValue("patient", patientId);
        return await PostgresDocuments.ReadAllAsync<DeviceBinding>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the patient's bindings (with their secret hashes) and announces each device, so every host refuses it.</summary>
    public async Task<int> UnbindPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            WITH removed AS (DELETE FROM device_bindings WHERE patient_id = @patient RETURNING device_id)
            SELECT device_id, pg_notify('{Channel}', device_id) FROM removed
            """, connection);
        command.Parameters.AddWithValue("patient", patientId);
        var removed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                removed.Add(reader.GetString(0));
            }
        }

        foreach (var device in removed)
        {
            Forget(device);
        }

        if (removed.Count > 0)
        {
            _logger.LogInformation("Unbound {Count} devices of patient {PatientId}", removed.Count, patientId);
        }

        return removed.Count;
    }

    // Also reached twice: the container disposes what the IDeviceRegistry factory returned as well as the registry itself.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _listener.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async ValueTask<DeviceBinding?> ReadThroughAsync(string deviceId, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var fetchedAt = _time.GetTimestamp();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM device_bindings WHERE device_id = @device", connection);
        command.Parameters.AddWithValue("device", deviceId);
        var binding = await PostgresDocuments.ReadOneAsync<DeviceBinding>(command, cancellationToken).ConfigureAwait(false);
        if (_listening && Interlocked.Read(ref _generation) == generation)
        {
            if (_cache.Count >= MaxCachedDevices)
            {
                _cache.Clear();
            }

            _cache[deviceId] = new Entry(binding, fetchedAt);
        }

        return binding;
    }

    private void Forget(string deviceId)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(deviceId, out _);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    private async Task ListenAsync()
    {
        try
        {
            await _notifications.ListenAsync(Channel, Announced, _stopping.Token, ListeningAgainAsync, StoppedListening).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The backplane gave up on something it does not retry: correct without the cache, only slower.
            _logger.LogError(exception, "No longer listening for device binding changes; looking every device up in the database");
        }
        finally
        {
            _listening = false;
        }
    }

    private Task Announced(string deviceId)
    {
        Forget(deviceId);
        return Task.CompletedTask;
    }

    private Task ListeningAgainAsync()
    {
        // Whatever was cached before this LISTEN may have missed announcements.
        ForgetAll();
        _listening = true;
        _firstListen.TrySetResult();
        return Task.CompletedTask;
    }

    private void StoppedListening()
    {
        if (_listening)
        {
            _logger.LogWarning("Not listening for device binding changes; looking every device up in the database until listening again");
        }

        _listening = false;
        ForgetAll();
    }

    private readonly record struct Entry(DeviceBinding? Binding, long FetchedAt);
}
