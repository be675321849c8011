using System.Diagnostics.Metrics;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// What activations caught up from the measurement store (<c>thuismonitoring.patient.catch_up.*</c> on /metrics):
/// after a graceful stop both stay at zero; after a crash they say how much the restarted host evaluated again.
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
