using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="ClinicalAdvice"/>.</summary>
[GenerateSerializer]
public struct ClinicalAdviceSurrogate
{
    [Id(0)] public string AdviceId;
    [Id(1)] public AdviceKind Kind;
    [Id(2)] public string Reason;
    [Id(3)] public string Summary;
    [Id(4)] public AdviceEvidence Evidence;
    [Id(5)] public double? ProposedFlow;
    [Id(6)] public DateTimeOffset ProposedAt;
    [Id(7)] public AdviceStatus Status;
    [Id(8)] public string? DecidedBy;
    [Id(9)] public DateTimeOffset? DecidedAt;
    [Id(10)] public string? Note;
}

[RegisterConverter]
public sealed class ClinicalAdviceConverter : IConverter<ClinicalAdvice, ClinicalAdviceSurrogate>
{
    public ClinicalAdvice ConvertFromSurrogate(in ClinicalAdviceSurrogate surrogate) => new(
        surrogate.AdviceId,
        surrogate.Kind,
        surrogate.Reason,
        surrogate.Summary,
        surrogate.Evidence,
        surrogate.ProposedFlow,
        surrogate.ProposedAt,
        surrogate.Status,
        surrogate.DecidedBy,
        surrogate.DecidedAt,
        surrogate.Note);

    public ClinicalAdviceSurrogate ConvertToSurrogate(in ClinicalAdvice value) => new()
    {
        AdviceId = value.AdviceId,
        Kind = value.Kind,
        Reason = value.Reason,
        Summary = value.Summary,
        Evidence = value.Evidence,
        ProposedFlow = value.ProposedFlow,
        ProposedAt = value.ProposedAt,
        Status = value.Status,
        DecidedBy = value.DecidedBy,
        DecidedAt = value.DecidedAt,
        Note = value.Note,
    };
}

/// <summary>The wire form of <see cref="AdviceEvidence"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct AdviceEvidenceSurrogate
{
    [Id(0)] public int Count;
    [Id(1)] public DateTimeOffset? From;
    [Id(2)] public DateTimeOffset? To;
    [Id(3)] public ValueRange? Spo2;
    [Id(4)] public ValueRange? RespiratoryRate;
    [Id(5)] public ValueRange? HeartRate;
    [Id(6)] public ValueRange? OxygenFlow;
    [Id(7)] public Level? HighestLevel;
    [Id(8)] public int OnExertion;
}

[RegisterConverter]
public sealed class AdviceEvidenceConverter : IConverter<AdviceEvidence, AdviceEvidenceSurrogate>
{
    public AdviceEvidence ConvertFromSurrogate(in AdviceEvidenceSurrogate surrogate) => new(
        surrogate.Count,
        surrogate.From,
        surrogate.To,
        surrogate.Spo2,
        surrogate.RespiratoryRate,
        surrogate.HeartRate,
        surrogate.OxygenFlow,
        surrogate.HighestLevel,
        surrogate.OnExertion);

    public AdviceEvidenceSurrogate ConvertToSurrogate(in AdviceEvidence value) => new()
    {
        Count = value.Count,
        From = value.From,
        To = value.To,
        Spo2 = value.Spo2,
        RespiratoryRate = value.RespiratoryRate,
        HeartRate = value.HeartRate,
        OxygenFlow = value.OxygenFlow,
        HighestLevel = value.HighestLevel,
        OnExertion = value.OnExertion,
    };
}

[RegisterCopier]
public sealed class AdviceEvidenceCopier : ShallowCopier<AdviceEvidence>;

/// <summary>The wire form of <see cref="ValueRange"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct ValueRangeSurrogate
{
    [Id(0)] public double Lowest;
    [Id(1)] public double Highest;
}

[RegisterConverter]
public sealed class ValueRangeConverter : IConverter<ValueRange, ValueRangeSurrogate>
{
    public ValueRange ConvertFromSurrogate(in ValueRangeSurrogate surrogate) => new(surrogate.Lowest, surrogate.Highest);

    public ValueRangeSurrogate ConvertToSurrogate(in ValueRange value) => new() { Lowest = value.Lowest, Highest = value.Highest };
}

[RegisterCopier]
public sealed class ValueRangeCopier : ShallowCopier<ValueRange>;
