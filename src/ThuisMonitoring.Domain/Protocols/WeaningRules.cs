namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Oxygen weaning advice (never automatic). Lower the flow by <see cref="Step"/> when, after at least
/// <see cref="HoldAtLeast"/> on the current flow, every measurement of the last <see cref="LookBack"/> had SpO2 of at
/// least <see cref="Spo2AtLeast"/>, respiratory rate at most <see cref="RespiratoryRateAtMost"/> and no orange or red.
/// Off oxygen for <see cref="OffOxygenAtLeast"/> with SpO2 of at least <see cref="EndSpo2AtLeast"/>: advise ending.
/// SpO2 below <see cref="ReviewWhenSpo2BelowAtMaxFlow"/> on the maximum home flow, or a rising flow: advise review.
/// </summary>
public sealed record WeaningRules(
    int Spo2AtLeast,
    int RespiratoryRateAtMost,
    TimeSpan HoldAtLeast,
    TimeSpan LookBack,
    double Step,
    TimeSpan RemeasureAfter,
    double LowestFlow,
    int EndSpo2AtLeast,
    TimeSpan OffOxygenAtLeast,
    TimeSpan EndLookBack,
    int ReviewWhenSpo2BelowAtMaxFlow);
