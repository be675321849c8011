using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="Enrolment"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct EnrolmentSurrogate
{
    [Id(0)] public string PatientId;
    [Id(1)] public Pathway Pathway;
    [Id(2)] public string ResponsibleClinician;
    [Id(3)] public string? Organisation;
    [Id(4)] public double OxygenFlow;
    [Id(5)] public ThresholdOverrides? Thresholds;
    [Id(6)] public DateTimeOffset EnrolledAt;
}

[RegisterConverter]
public sealed class EnrolmentConverter : IConverter<Enrolment, EnrolmentSurrogate>
{
    public Enrolment ConvertFromSurrogate(in EnrolmentSurrogate surrogate) => new(
        surrogate.PatientId,
        surrogate.Pathway,
        surrogate.ResponsibleClinician,
        surrogate.Organisation,
        surrogate.OxygenFlow,
        surrogate.Thresholds,
        surrogate.EnrolledAt);

    public EnrolmentSurrogate ConvertToSurrogate(in Enrolment value) => new()
    {
        PatientId = value.PatientId,
        Pathway = value.Pathway,
        ResponsibleClinician = value.ResponsibleClinician,
        Organisation = value.Organisation,
        OxygenFlow = value.OxygenFlow,
        Thresholds = value.Thresholds,
        EnrolledAt = value.EnrolledAt,
    };
}

[RegisterCopier]
public sealed class EnrolmentCopier : ShallowCopier<Enrolment>;

/// <summary>The wire form of <see cref="ThresholdOverrides"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct ThresholdOverridesSurrogate
{
    [Id(0)] public double? MaxHomeOxygenFlow;
}

[RegisterConverter]
public sealed class ThresholdOverridesConverter : IConverter<ThresholdOverrides, ThresholdOverridesSurrogate>
{
    public ThresholdOverrides ConvertFromSurrogate(in ThresholdOverridesSurrogate surrogate) => new(
        surrogate.MaxHomeOxygenFlow);

    public ThresholdOverridesSurrogate ConvertToSurrogate(in ThresholdOverrides value) => new()
    {
        MaxHomeOxygenFlow = value.MaxHomeOxygenFlow,
    };
}

[RegisterCopier]
public sealed class ThresholdOverridesCopier : ShallowCopier<ThresholdOverrides>;

/// <summary>The wire form of <see cref="EpisodeSnapshot"/>.</summary>
[GenerateSerializer]
public struct EpisodeSnapshotSurrogate
{
    [Id(0)] public Enrolment Enrolment;
    [Id(1)] public EpisodeState State;
    [Id(2)] public double OxygenFlow;
    [Id(3)] public Level LastLevel;
    [Id(4)] public Measurement? LastMeasurement;
    [Id(5)] public int? LastNews2Score;
    [Id(6)] public Alert[] Alerts;
    [Id(7)] public VitalHistory? History;
    [Id(8)] public int ConsecutiveMisses;
    [Id(9)] public DateTimeOffset? LastDueChecked;
    [Id(10)] public DateTimeOffset? OxygenFlowSince;
    [Id(11)] public double? PreviousOxygenFlow;
    [Id(12)] public ClinicalAdvice[]? Advice;
    [Id(13)] public EpisodeTransition[]? Transitions;
    [Id(14)] public EligibilityResult? Eligibility;
    [Id(15)] public TimelineEntry[]? Timeline;
    [Id(16)] public CareHandover[]? Handovers;
    [Id(17)] public TimelineEntry[]? UnstoredTimeline;
}

[RegisterConverter]
public sealed class EpisodeSnapshotConverter : IConverter<EpisodeSnapshot, EpisodeSnapshotSurrogate>
{
    public EpisodeSnapshot ConvertFromSurrogate(in EpisodeSnapshotSurrogate surrogate) => new(
        surrogate.Enrolment,
        surrogate.State,
        surrogate.OxygenFlow,
        surrogate.LastLevel,
        surrogate.LastMeasurement,
        surrogate.LastNews2Score,
        surrogate.Alerts,
        surrogate.History,
        surrogate.ConsecutiveMisses,
        surrogate.LastDueChecked,
        surrogate.OxygenFlowSince,
        surrogate.PreviousOxygenFlow,
        surrogate.Advice,
        surrogate.Transitions,
        surrogate.Eligibility,
        surrogate.Timeline,
        surrogate.Handovers,
        surrogate.UnstoredTimeline);

    public EpisodeSnapshotSurrogate ConvertToSurrogate(in EpisodeSnapshot value) => new()
    {
        Enrolment = value.Enrolment,
        State = value.State,
        OxygenFlow = value.OxygenFlow,
        LastLevel = value.LastLevel,
        LastMeasurement = value.LastMeasurement,
        LastNews2Score = value.LastNews2Score,
        Alerts = WireCollections.ToArray(value.Alerts),
        History = value.History,
        ConsecutiveMisses = value.ConsecutiveMisses,
        LastDueChecked = value.LastDueChecked,
        OxygenFlowSince = value.OxygenFlowSince,
        PreviousOxygenFlow = value.PreviousOxygenFlow,
        Advice = WireCollections.ToArray(value.Advice),
        Transitions = WireCollections.ToArray(value.Transitions),
        Eligibility = value.Eligibility,
        Timeline = WireCollections.ToArray(value.Timeline),
        Handovers = WireCollections.ToArray(value.Handovers),
        UnstoredTimeline = WireCollections.ToArray(value.UnstoredTimeline),
    };
}

/// <summary>The wire form of <see cref="EpisodeTransition"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct EpisodeTransitionSurrogate
{
    [Id(0)] public EpisodeState From;
    [Id(1)] public EpisodeState To;
    [Id(2)] public string By;
    [Id(3)] public string Reason;
    [Id(4)] public DateTimeOffset At;
}

[RegisterConverter]
public sealed class EpisodeTransitionConverter : IConverter<EpisodeTransition, EpisodeTransitionSurrogate>
{
    public EpisodeTransition ConvertFromSurrogate(in EpisodeTransitionSurrogate surrogate) => new(
        surrogate.From,
        surrogate.To,
        surrogate.By,
        surrogate.Reason,
        surrogate.At);

    public EpisodeTransitionSurrogate ConvertToSurrogate(in EpisodeTransition value) => new()
    {
        From = value.From,
        To = value.To,
        By = value.By,
        Reason = value.Reason,
        At = value.At,
    };
}

[RegisterCopier]
public sealed class EpisodeTransitionCopier : ShallowCopier<EpisodeTransition>;

/// <summary>The wire form of <see cref="PatientFeedback"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct PatientFeedbackSurrogate
{
    [Id(0)] public Level Level;
    [Id(1)] public string Text;
}

[RegisterConverter]
public sealed class PatientFeedbackConverter : IConverter<PatientFeedback, PatientFeedbackSurrogate>
{
    public PatientFeedback ConvertFromSurrogate(in PatientFeedbackSurrogate surrogate) => new(
        surrogate.Level,
        surrogate.Text);

    public PatientFeedbackSurrogate ConvertToSurrogate(in PatientFeedback value) => new()
    {
        Level = value.Level,
        Text = value.Text,
    };
}

[RegisterCopier]
public sealed class PatientFeedbackCopier : ShallowCopier<PatientFeedback>;
