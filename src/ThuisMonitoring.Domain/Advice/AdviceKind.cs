namespace ThuisMonitoring.Domain.Advice;

/// <summary>What the platform proposes to the responsible clinician (PROTOCOL.md sections 6 and 7). Never applied automatically.</summary>
public enum AdviceKind
{
    /// <summary>Lower the oxygen flow by one step (to 0: stop oxygen) and re-measure after 20 minutes.</summary>
    LowerOxygenFlow,

    /// <summary>Stable off oxygen: end the monitoring episode.</summary>
    EndMonitoring,

    /// <summary>Oxygen need rising or SpO2 low on the maximum home flow: review for readmission.</summary>
    ClinicalReview,

    /// <summary>Day 10 after early discharge: stay with the hospital specialist or hand over to the GP.</summary>
    ResponsibilityReview,

    /// <summary>Day 14: end monitoring or continue.</summary>
    EpisodeReview,
}

public static class AdviceKindNames
{
    public static string ToCode(this AdviceKind kind) => kind switch
    {
        AdviceKind.LowerOxygenFlow => "lower-oxygen-flow",
        AdviceKind.EndMonitoring => "end-monitoring",
        AdviceKind.ClinicalReview => "clinical-review",
        AdviceKind.ResponsibilityReview => "responsibility-review",
        _ => "episode-review",
    };
}

/// <summary>Where a piece of advice stands: proposed, then accepted or rejected by a clinician (recorded).</summary>
public enum AdviceStatus
{
    Proposed,
    Accepted,
    Rejected,
}
