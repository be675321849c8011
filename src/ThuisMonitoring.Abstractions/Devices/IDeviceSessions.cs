namespace ThuisMonitoring.Abstractions.Devices;

/// <summary>The open broker sessions of devices: closed at once when their credentials are revoked (episode ended, consent withdrawn).</summary>
public interface IDeviceSessions
{
    /// <summary>Disconnects every open session of these devices (MQTT 5: DISCONNECT 0x87 Not authorized); returns how many were closed.</summary>
    Task<int> CloseAsync(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken);
}
