using ThuisMonitoring.Grains.Patients;

namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>
/// Delivers the patient grain's watch reminder tick at once, through the grain's <see cref="IRemindable"/> interface,
/// exactly as the reminder service does; real ticks come once a minute, far too slow for tests.
/// </summary>
public static class ScheduleWatch
{
    public static Task TickAsync(IGrainFactory grains, IAddressable patient) =>
        grains.GetGrain<IRemindable>(patient.GetGrainId()).ReceiveReminder(PatientGrain.WatchReminder, default);
}
