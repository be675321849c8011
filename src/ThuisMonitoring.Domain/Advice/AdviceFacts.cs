using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.History;

namespace ThuisMonitoring.Domain.Advice;

/// <summary>
/// What the advice rules look at: the recent measurements, the prescribed flow and since when, the flow before
/// that (to see it went up), and how and when the patient entered monitoring.
/// </summary>
public sealed record AdviceFacts(
    VitalHistory History,
    double OxygenFlow,
    DateTimeOffset OxygenFlowSince,
    double? PreviousOxygenFlow,
    Pathway Pathway,
    DateTimeOffset EnrolledAt);
