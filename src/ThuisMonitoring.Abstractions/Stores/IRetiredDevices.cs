namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Patient apps whose credentials were revoked because the monitoring ended (or the patient was readmitted): kept
/// with their secret hash so the app, signing in with its own credentials, is told that monitoring ended rather than
/// that it was unpaired. Nobody else learns anything: without the secret the answer is the same as for an unknown
/// device. Erased with the patient.
/// </summary>
public interface IRetiredDevices
{
    Task RetireAsync(IReadOnlyList<DeviceBinding> bindings, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The retired binding of <paramref name="deviceId"/>; null when it was never retired (or is bound again).</summary>
    Task<DeviceBinding?> FindAsync(string deviceId, CancellationToken cancellationToken);
}
