namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable register of device bindings; read on every MQTT connect, so implementations cache.</summary>
public interface IDeviceRegistry
{
    /// <summary>Binds a device; false when the device id is already bound.</summary>
    Task<bool> TryBindAsync(DeviceBinding binding, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a bound device a new secret (its hash): a paired patient app gets a secret nobody else has seen. False when
    /// the device is not bound (any more).
    /// </summary>
    Task<bool> ReplaceSecretAsync(string deviceId, string secretHash, CancellationToken cancellationToken);

    ValueTask<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceBinding>> ListForPatientAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>Unbinds every device of the patient (consent withdrawn, erasure): they can no longer connect. Returns how many.</summary>
    Task<int> UnbindPatientAsync(string patientId, CancellationToken cancellationToken);
}
