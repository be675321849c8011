using ThuisMonitoring.Domain.Reports;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// <c>Reports:BedDaysSaved</c>: bed-days saved per started episode, by pathway code (<c>early-discharge</c>,
/// <c>emergency-department</c>, <c>general-practice</c>); a pathway not configured keeps its default
/// (<see cref="BedDayFactors.Default"/>, sources in docs/reports.md).
/// </summary>
public sealed class RegionReportOptions
{
    public const string Section = "Reports";

    public Dictionary<string, double> BedDaysSaved { get; init; } = new(StringComparer.Ordinal);

    public BedDayFactors Factors()
    {
        var defaults = BedDayFactors.Default;
        return new BedDayFactors(
            Factor("early-discharge", defaults.EarlyDischarge),
            Factor("emergency-department", defaults.EmergencyDepartment),
            Factor("general-practice", defaults.GeneralPractice));
    }

    /// <summary>What is wrong with the configured factors (an unknown pathway, a negative or infinite number); null when nothing.</summary>
    public string? Problem()
    {
        foreach (var (pathway, factor) in BedDaysSaved)
        {
            if (pathway is not ("early-discharge" or "emergency-department" or "general-practice"))
            {
                return $"{Section}:BedDaysSaved:{pathway} is not a pathway.";
            }

            if (!double.IsFinite(factor) || factor < 0)
            {
                return $"{Section}:BedDaysSaved:{pathway} must be a number of days, 0 or more (found {factor}).";
            }
        }

        return null;
    }

    private double Factor(string pathway, double fallback)
    {
        if (!BedDaysSaved.TryGetValue(pathway, out var factor))
        {
            return fallback;
        }

        return double.IsFinite(factor) && factor >= 0
            ? factor
            : throw new InvalidOperationException($"{Section}:BedDaysSaved:{pathway} must be a number of days, 0 or more (found {factor}).");
    }
}
