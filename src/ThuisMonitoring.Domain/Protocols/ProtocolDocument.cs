namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// A versioned clinical protocol: every number the evaluation uses. The platform ships
/// <see cref="CovidOxygenProtocol.Default"/> (an embedded JSON document read by <see cref="ProtocolDocumentReader"/>);
/// organisations and clinicians override it as data, layer by layer.
/// </summary>
public sealed record ProtocolDocument(
    string Name,
    string Version,
    VitalScoring RespiratoryRate,
    VitalScoring Spo2,
    VitalScoring HeartRate,
    VitalScoring Temperature,
    int SupplementalOxygenScore,
    int SingleParameterOrangeScore,
    int SingleParameterRedScore,
    int AggregateOrange,
    int AggregateRed,
    double MaxHomeOxygenFlow)
{
    /// <summary>
    /// "name@version", followed by the layers applied on top (e.g. <c>covid-oxygen@1+org:rijnstad@3+patient@2</c>);
    /// recorded with every alert so a clinician can see which rules fired.
    /// </summary>
    public string Id => Layers is null ? $"{Name}@{Version}" : $"{Name}@{Version}+{Layers}";

    /// <summary>The layers applied on top of the named document, "+"-separated ("org:rijnstad@3+patient@2"); null for none.</summary>
    public string? Layers { get; init; }

    /// <summary>What this protocol is and where its numbers come from.</summary>
    public string? Description { get; init; }

    public required BaselineDropRule Spo2Drop { get; init; }

    public required ExertionRule ExertionalDesaturation { get; init; }

    public required ContinuousRules Continuous { get; init; }

    public required ScheduleRules Schedule { get; init; }

    public required WeaningRules Weaning { get; init; }

    public required EpisodeReviewRules EpisodeReview { get; init; }

    public required EligibilityRules Eligibility { get; init; }

    public required ResponseTimes ResponseTimes { get; init; }

    /// <summary>What the patient is told after a measurement (the <c>feedback</c> section; the platform's wording when absent).</summary>
    public FeedbackTexts Feedback { get; init; } = FeedbackTexts.Default;

    /// <summary>When the patient app asks for the 1-minute sit-to-stand test (the <c>exertionTest</c> section; <see cref="ExertionTestRules.Default"/> when absent).</summary>
    public ExertionTestRules ExertionTest { get; init; } = ExertionTestRules.Default;

    /// <summary>Calling patients: re-escalation of unclaimed alerts, retry and call-back times, the call scripts.</summary>
    public required Calls.CallRules Calls { get; init; }
}
