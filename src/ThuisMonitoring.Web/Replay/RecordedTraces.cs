using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Web.Replay;

/// <summary>
/// Recorded measurements of one patient as a labelled trace for the replay: app measurements are spot checks,
/// each meter its own stream. Times are rounded to the second. The labels are what the platform recorded about the
/// patient's episode (<see cref="RecordedLabels"/>: a readmission, an escalation the clinician took over, an emergency
/// referral) with their onset between from and to; a patient without one counts as stable.
/// </summary>
public static class RecordedTraces
{
    public static LabelledTrace Of(
        string patientId, double oxygenFlow, IReadOnlyList<StoredMeasurement> measurements, EpisodeSnapshot? episode, DateTimeOffset from, DateTimeOffset to)
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
        var labels = episode is null ? [] : RecordedLabels.Of(episode.Alerts, episode.Transitions ?? [], from, to, start);
        return new LabelledTrace($"patient:{patientId}", "recorded measurements", 0, start, oxygenFlow, labels, events);
    }
}
