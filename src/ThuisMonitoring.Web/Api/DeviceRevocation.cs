using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Devices;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Revokes a patient's device credentials when monitoring stops (episode ended or readmitted, consent withdrawn): the
/// bindings and their secret hashes are removed, so a reconnect is refused (0x86), and any open MQTT session of those
/// devices is closed at once.
/// </summary>
public sealed class DeviceRevocation(IDeviceRegistry devices, ILogger<DeviceRevocation> logger, IDeviceSessions? sessions = null)
{
    public async Task<int> RevokeAsync(string patientId, CancellationToken cancellationToken)
    {
        var bound = await devices.ListForPatientAsync(patientId, cancellationToken);
        await devices.UnbindPatientAsync(patientId, cancellationToken);
        var closed = sessions is null || bound.Count == 0 ? 0 : await sessions.CloseAsync(bound.Select(b => b.DeviceId).ToHashSet(StringComparer.Ordinal), CancellationToken.None);
        logger.LogInformation("Patient {PatientId}: {Devices} device credentials revoked, {Sessions} MQTT sessions closed", patientId, bound.Count, closed);
        return bound.Count;
    }
}
