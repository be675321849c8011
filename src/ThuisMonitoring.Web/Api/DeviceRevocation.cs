using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Devices;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Revokes a patient's device credentials when monitoring stops (episode ended or readmitted, consent withdrawn): the
/// bindings and their secret hashes are removed, so a reconnect is refused (0x86), and any open MQTT session of those
/// devices is closed at once. When the episode ended (<c>episodeEnded</c>) the patient apps' bindings are
/// kept as retired (<see cref="IRetiredDevices"/>), so the app is told that monitoring ended, not that it was unpaired.
/// </summary>
public sealed class DeviceRevocation(IDeviceRegistry devices, IRetiredDevices retired, TimeProvider clock, ILogger<DeviceRevocation> logger, IDeviceSessions? sessions = null)
{
    public async Task<int> RevokeAsync(string patientId, CancellationToken cancellationToken, bool episodeEnded = false)
    {
        var bound = await devices.ListForPatientAsync(patientId, cancellationToken);
        if (episodeEnded)
        {
            await retired.RetireAsync(bound.Where(b => b.Kind == Domain.Measurements.DeviceKind.PatientApp).ToList(), clock.GetUtcNow(), cancellationToken);
        }

        await devices.UnbindPatientAsync(patientId, cancellationToken);
        var closed = sessions is null || bound.Count == 0 ? 0 : await sessions.CloseAsync(bound.Select(b => b.DeviceId).ToHashSet(StringComparer.Ordinal), CancellationToken.None);
        logger.LogInformation("Patient {PatientId}: {Devices} device credentials revoked, {Sessions} MQTT sessions closed", patientId, bound.Count, closed);
        return bound.Count;
    }
}
