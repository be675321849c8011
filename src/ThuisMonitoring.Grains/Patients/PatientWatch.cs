namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// The patient grain's durable watch reminder (<see cref="PatientGrain.WatchReminder"/>, every
/// <see cref="PatientGrain.WatchPeriod"/>): registered once, when the episode starts or becomes active again, with its
/// first tick a patient-specific part of a period later, so patients enrolled in the same second (a bulk intake, a
/// migration) do not all tick in the same second forever after. An activation only checks that the reminder exists:
/// re-registering it there wrote a reminder row per activation (2,000 synchronous SQLite commits in the activation
/// storm after a restart) and moved every patient's tick to one minute after the restart, all in the same few seconds.
/// </summary>
public static class PatientWatch
{
    /// <summary>The delay of the first tick: one period plus the patient's phase within a period (stable per patient).</summary>
    public static TimeSpan FirstTick(string patientId) => PatientGrain.WatchPeriod + Phase(patientId);

    /// <summary>The patient's offset within a period, from a stable hash of its id: spread evenly over the period.</summary>
    public static TimeSpan Phase(string patientId)
    {
        // FNV-1a: stable across processes and versions (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in patientId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var periodMs = (uint)PatientGrain.WatchPeriod.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(hash % periodMs);
    }

    /// <summary>Registers (or moves) the watch: at enrolment and when the episode becomes active again.</summary>
    public static Task RegisterAsync(Grain grain, string patientId) =>
        grain.RegisterOrUpdateReminder(PatientGrain.WatchReminder, FirstTick(patientId), PatientGrain.WatchPeriod);

    /// <summary>On activation: registers the watch only when it is missing (episodes enrolled before the watch existed).</summary>
    public static async Task EnsureAsync(Grain grain, string patientId)
    {
        if (await grain.GetReminder(PatientGrain.WatchReminder) is null)
        {
            await RegisterAsync(grain, patientId);
        }
    }
}
