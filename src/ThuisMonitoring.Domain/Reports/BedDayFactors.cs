using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Reports;

/// <summary>
/// Hospital bed-days saved per monitored patient, by pathway: the factor each episode started in a period adds to
/// the report's <c>bedDaysSaved</c>. The defaults come from the Dutch advisory report on COVID-19 capacity to the
/// ministry of health (winter 2021-2022, chapter on home monitoring), as docs/reports.md cites them; a region
/// configures its own (<c>Reports:BedDaysSaved</c>).
/// </summary>
public sealed record BedDayFactors(double EarlyDischarge, double EmergencyDepartment, double GeneralPractice)
{
    /// <summary>
    /// Early discharge: 2 to 5 bed-days saved per patient, the middle 3.5. General practice (pre-clinical): about 40%
    /// of monitored patients avoided an admission of about 3 days, 0.4 × 3 = 1.2. Emergency department: the sources give
    /// no figure, so nothing is claimed until the region configures one.
    /// </summary>
    public static BedDayFactors Default { get; } = new(EarlyDischarge: 3.5, EmergencyDepartment: 0, GeneralPractice: 1.2);

    public double For(Pathway pathway) => pathway switch
    {
        Pathway.EarlyDischarge => EarlyDischarge,
        Pathway.EmergencyDepartment => EmergencyDepartment,
        _ => GeneralPractice,
    };
}
