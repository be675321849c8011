using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Web.Privacy;

/// <summary>
/// Carries out an erasure: first the devices are unbound (nothing new comes in), then the patient grain clears its
/// state, then every registered <see cref="IPatientErasure"/> removes its part (directory, measurements, grain state,
/// reminders, InfluxDB when used), and the patient list's cached row. The audit trail is not among them. Returns the records removed per store.
/// </summary>
public sealed class PatientDataErasure(
    IDeviceRegistry devices, IGrainFactory grains, IEnumerable<IPatientErasure> stores, Api.PatientRowCache rows,
    ILogger<PatientDataErasure> logger)
{
    public async Task<IReadOnlyDictionary<string, long>> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["devices"] = await devices.UnbindPatientAsync(patientId, cancellationToken),
        };
        await grains.GetGrain<IPatientGrain>(patientId).Erase();
        foreach (var store in stores)
        {
            removed[store.Store] = removed.GetValueOrDefault(store.Store) + await store.EraseAsync(patientId, cancellationToken);
        }

        // The list's serialised row of the patient is a copy of the erased data too.
        rows.Forget(patientId);

        logger.LogWarning("Patient {PatientId} erased: {Removed}", patientId, string.Join(", ", removed.Select(r => $"{r.Key} {r.Value}")));
        return removed;
    }
}
