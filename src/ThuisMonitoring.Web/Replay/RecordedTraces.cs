using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Web.Replay;

/// <summary>
/// Recorded measurements of one patient as an (unlabelled) trace for the replay: app measurements are spot checks,
/// each meter its own stream. Times are rounded to the second. Recorded data carries no labels yet, so its report has
/// alerts per patient-day and time figures but no sensitivity.
/// </summary>
public static class RecordedTraces
{
    public static LabelledTrace Of(string patientId, double oxygenFlow, IReadOnlyList<StoredMeasurement> measurements)
    {
        var start = measurements.Count == 0 ? DateTimeOffset.UnixEpoch : measurements[0].Measurement.MeasuredAt;
        var events = measurements.Select(stored =>
        {
            var m = stored.Measurement;
            return new TraceEvent(
                (int)Math.Floor((m.MeasuredAt - start).TotalSeconds),
                stored.Source == DeviceKind.PatientApp ? TraceEvent.App : stored.DeviceId,
                m.Spo2, m.HeartRate, m.RespiratoryRate, m.PerfusionIndex, m.Temperature,
                SensorOn: stored.Flag != "sensor-off");
        }).ToList();
        return new LabelledTrace($"patient:{patientId}", "recorded measurements", 0, start, oxygenFlow, [], events);
    }
}
