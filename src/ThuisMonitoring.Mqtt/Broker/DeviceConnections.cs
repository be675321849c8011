namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// The broker sessions each device holds, so one device (or one leaked secret) cannot open connections without end.
/// A slot is taken when a CONNECT is accepted and given back when the broker deletes the session; a reconnect under a
/// session the device already holds (a takeover of its own session) takes no new slot.
/// </summary>
public sealed class DeviceConnections(int maxPerDevice)
{
    private readonly Dictionary<string, HashSet<string>> _sessionsByDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deviceBySession = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int MaxPerDevice { get; } = maxPerDevice;

    /// <summary>Takes a slot for <paramref name="sessionKey"/>; false when the device already holds its maximum.</summary>
    public bool TryOpen(string deviceId, string sessionKey)
    {
        lock (_lock)
        {
            if (!_sessionsByDevice.TryGetValue(deviceId, out var sessions))
            {
                sessions = new HashSet<string>(StringComparer.Ordinal);
                _sessionsByDevice[deviceId] = sessions;
            }

            if (!sessions.Contains(sessionKey) && sessions.Count >= MaxPerDevice)
            {
                return false;
            }

            sessions.Add(sessionKey);
            _deviceBySession[sessionKey] = deviceId;
            return true;
        }
    }

    /// <summary>The broker deleted the session: its slot is free again.</summary>
    public void Closed(string sessionKey)
    {
        lock (_lock)
        {
            if (!_deviceBySession.Remove(sessionKey, out var deviceId) || !_sessionsByDevice.TryGetValue(deviceId, out var sessions))
            {
                return;
            }

            sessions.Remove(sessionKey);
            if (sessions.Count == 0)
            {
                _sessionsByDevice.Remove(deviceId);
            }
        }
    }

    /// <summary>How many sessions the device holds now.</summary>
    public int Count(string deviceId)
    {
        lock (_lock)
        {
            return _sessionsByDevice.TryGetValue(deviceId, out var sessions) ? sessions.Count : 0;
        }
    }
}
