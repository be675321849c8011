using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.History;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="ClinicalAdvice"/>.</summary>
[GenerateSerializer]
public struct ClinicalAdviceSurrogate
{
    [Id(0)] public string AdviceId;
    [Id(1)] public AdviceKind Kind;
    [Id(2)] public string Reason;
    [Id(3)] public string Summary;
    [Id(4)] public VitalRecord[] Evidence;
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
        Evidence = WireCollections.ToArray(value.Evidence),
        ProposedFlow = value.ProposedFlow,
        ProposedAt = value.ProposedAt,
        Status = value.Status,
        DecidedBy = value.DecidedBy,
        DecidedAt = value.DecidedAt,
        Note = value.Note,
    };
}
