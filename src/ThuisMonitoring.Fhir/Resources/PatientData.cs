using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// Reads one (visible) patient's data from the platform's own stores and grain — the measurement store, the device
/// registry, the patient grain's episode with its alerts — and presents it as FHIR resources. Nothing is copied.
/// </summary>
public sealed class PatientData(IMeasurementStore measurements, IDeviceRegistry devices, IGrainFactory grains)
{
    /// <summary>The most measurements one search or $everything reads; a wider range must be narrowed by date.</summary>
    public const int MaxMeasurements = 20_000;

    /// <summary>The patient's Observations measured in [from, to], oldest first; null when there are more than <see cref="MaxMeasurements"/> measurements.</summary>
    public async Task<IReadOnlyList<Observation>?> ObservationsAsync(string patientId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var stored = await measurements.ListAsync(patientId, from, to, MaxMeasurements + 1, cancellationToken);
        return stored.Count > MaxMeasurements ? null : stored.SelectMany(ObservationResource.From).ToList();
    }

    public Task<EpisodeSnapshot?> EpisodeAsync(string patientId) => grains.GetGrain<IPatientGrain>(patientId).GetEpisode();

    /// <summary>Every alert of the patient's episode, oldest first.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAsync(string patientId) =>
        (await EpisodeAsync(patientId))?.Alerts.OrderBy(a => a.RaisedAt).ToList() ?? [];

    public async Task<IReadOnlyList<Device>> DevicesAsync(string patientId, CancellationToken cancellationToken) =>
        (await devices.ListForPatientAsync(patientId, cancellationToken)).Select(DeviceResource.From).ToList();

    public ValueTask<DeviceBinding?> DeviceAsync(string deviceId, CancellationToken cancellationToken) => devices.FindAsync(deviceId, cancellationToken);
}
