using System.Diagnostics.Metrics;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// What activations evaluated from the measurement store (<c>thuismonitoring.patient.catch_up.*</c> on /metrics). The
/// gateway stores a message before it calls the grain, so a grain activated by a device message counts that message
/// (evaluated once: <see cref="CaughtUpMeasurements"/>); beyond that, after a graceful stop nothing, and after a crash
/// what the saved episodes had not seen.
/// </summary>
internal static class CatchUpMetrics
{
    public const string MeterName = "ThuisMonitoring.Grains";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Patients = Meter.CreateCounter<long>(
        "thuismonitoring.patient.catch_up.patients", "{patient}", "Activations that found stored measurements their saved episode had not seen");

    private static readonly Counter<long> Measurements = Meter.CreateCounter<long>(
        "thuismonitoring.patient.catch_up.measurements", "{measurement}", "Stored measurements evaluated again by an activation's catch-up");

    private static readonly Counter<long> FlagsKept = Meter.CreateCounter<long>(
        "thuismonitoring.patient.catch_up.flags_kept", "{flag}", "Flags of caught-up measurements not written again: the stored row already carried them");

    public static void CaughtUp(int measurements, int flagsKept)
    {
        Patients.Add(1);
        Measurements.Add(measurements);
        if (flagsKept > 0)
        {
            FlagsKept.Add(flagsKept);
        }
    }
}
