using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Eligibility;

/// <summary>
/// What an enrolment brings for the eligibility check: the ward's (or first home hours') values, the prescribed flow,
/// and the facts values cannot show (null: not stated, so not assessed).
/// </summary>
public sealed record EligibilityRequest(
    Pathway Pathway,
    IReadOnlyList<Measurement> Values,
    double PrescribedFlow,
    DateTimeOffset AsOf,
    bool? ClinicallyImproving = null,
    bool? CanMeasureAndReport = null,
    bool? ConcentratorAtHome = null,
    bool? HaemodynamicallyStable = null,
    int? IllnessDay = null,
    bool? InvasiveVentilationPolicy = null);
