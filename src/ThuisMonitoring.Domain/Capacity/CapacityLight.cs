using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Capacity;

/// <summary>
/// The centre's traffic light, the one place it is decided (docs/capacity.md). Red: more patients per nurse on shift
/// than <see cref="CapacityThresholds.RedAbovePatientsPerNurse"/>, any urgent alert unclaimed beyond its response
/// time, or patients in monitoring and no nurse on shift. Green: at most
/// <see cref="CapacityThresholds.GreenUpToPatientsPerNurse"/> patients per nurse and no urgent alert overdue.
/// Orange: in between.
/// </summary>
public static class CapacityLight
{
    public static Level Of(int patientsInMonitoring, int nursesOnShift, CentreAlerts alerts, CapacityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (alerts.UrgentOverdue > 0)
        {
            return Level.Red;
        }

        if (PatientsPerNurse(patientsInMonitoring, nursesOnShift) is not { } perNurse)
        {
            return patientsInMonitoring > 0 ? Level.Red : Level.Green;
        }

        return perNurse > thresholds.RedAbovePatientsPerNurse ? Level.Red
            : perNurse <= thresholds.GreenUpToPatientsPerNurse ? Level.Green
            : Level.Orange;
    }

    /// <summary>Patients per nurse on shift, to one decimal; null when no nurse is on shift.</summary>
    public static double? PatientsPerNurse(int patientsInMonitoring, int nursesOnShift) =>
        nursesOnShift <= 0 ? null : Math.Round((double)patientsInMonitoring / nursesOnShift, 1, MidpointRounding.AwayFromZero);
}
