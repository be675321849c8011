using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>
/// The InfluxDB schema of CONTRACT section 4: one point per accepted measurement object in measurement
/// <c>vitals</c>, timestamp = measuredAt (ms), tags patient, device, organisation, source; a field per vital sign
/// present. <c>exertion</c> and <c>artefact</c> are always known to the platform, so they are always written.
/// </summary>
public static class VitalsSchema
{
    public const string Measurement = "vitals";

    public const string PatientTag = "patient";
    public const string DeviceTag = "device";
    public const string OrganisationTag = "organisation";
    public const string SourceTag = "source";

    public const string Spo2 = "spo2";
    public const string HeartRate = "heart_rate";
    public const string RespiratoryRate = "respiratory_rate";
    public const string OxygenFlow = "oxygen_flow";
    public const string Temperature = "temperature";
    public const string PerfusionIndex = "perfusion_index";
    public const string Feeling = "feeling";
    public const string Exertion = "exertion";
    public const string Artefact = "artefact";

    /// <summary>The point of one stored measurement; throws <see cref="LineProtocolException"/> when it cannot be carried.</summary>
    public static LinePoint ToPoint(StoredMeasurement stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var m = stored.Measurement;
        var point = new LinePoint(Measurement, m.MeasuredAt)
            .Tag(PatientTag, stored.PatientId)
            .Tag(DeviceTag, stored.DeviceId)
            .Tag(OrganisationTag, stored.Organisation)
            .Tag(SourceTag, stored.Source.ToCode());
        if (m.Spo2 is { } spo2)
        {
            point.Field(Spo2, (long)spo2);
        }

        if (m.HeartRate is { } heartRate)
        {
            point.Field(HeartRate, (long)heartRate);
        }

        if (m.RespiratoryRate is { } respiratoryRate)
        {
            point.Field(RespiratoryRate, (long)respiratoryRate);
        }

        if (m.OxygenFlow is { } oxygenFlow)
        {
            point.Field(OxygenFlow, oxygenFlow);
        }

        if (m.Temperature is { } temperature)
        {
            point.Field(Temperature, temperature);
        }

        if (m.PerfusionIndex is { } perfusionIndex)
        {
            point.Field(PerfusionIndex, perfusionIndex);
        }

        if (m.Feeling is { } feeling)
        {
            point.Field(Feeling, feeling.ToCode());
        }

        return point.Field(Exertion, m.Exertion).Field(Artefact, stored.Artefact);
    }
}
