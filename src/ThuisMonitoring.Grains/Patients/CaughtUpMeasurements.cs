using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// What an activation's journal catch-up evaluated. The gateway stores a measurement before it calls the grain, so the
/// call that activates a grain (and the calls queued behind it) brings measurements the catch-up has just evaluated
/// from the store: those are taken out of the call, so each measurement is evaluated once. A call that brings only such
/// measurements gets the feedback of the catch-up's run of that device.
/// </summary>
internal sealed class CaughtUpMeasurements
{
    private readonly HashSet<(string DeviceId, string? MessageId, long MeasuredAtMicroseconds)> _evaluated = [];
    private readonly Dictionary<string, PatientFeedback> _feedback = new(StringComparer.Ordinal);

    public bool IsEmpty => _evaluated.Count == 0;

    public void Evaluated(string deviceId, IReadOnlyList<Measurement> run, PatientFeedback feedback)
    {
        foreach (var measurement in run)
        {
            _evaluated.Add(Key(deviceId, measurement));
        }

        _feedback[deviceId] = feedback;
    }

    /// <summary>The call's measurements the catch-up did not evaluate; each match is forgotten (it comes once).</summary>
    public IReadOnlyList<Measurement> NotYetEvaluated(string deviceId, IReadOnlyList<Measurement> measurements, out PatientFeedback? feedback)
    {
        feedback = _feedback.GetValueOrDefault(deviceId);
        List<Measurement>? fresh = null;
        for (var i = 0; i < measurements.Count; i++)
        {
            if (_evaluated.Remove(Key(deviceId, measurements[i])))
            {
                fresh ??= [.. measurements.Take(i)];
            }
            else
            {
                fresh?.Add(measurements[i]);
            }
        }

        return fresh ?? measurements;
    }

    // Microseconds: PostgreSQL keeps no finer instants than that.
    private static (string, string?, long) Key(string deviceId, Measurement measurement) =>
        (deviceId, measurement.MessageId, measurement.MeasuredAt.UtcTicks / 10);
}
