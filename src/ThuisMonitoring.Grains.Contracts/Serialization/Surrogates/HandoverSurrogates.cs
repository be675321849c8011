using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Handovers;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="CareHandover"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct CareHandoverSurrogate
{
    [Id(0)] public string HandoverId;
    [Id(1)] public string From;
    [Id(2)] public string To;
    [Id(3)] public string? Note;
    [Id(4)] public DateTimeOffset RequestedAt;
    [Id(5)] public CareHandoverStatus Status;
    [Id(6)] public DateTimeOffset? DecidedAt;
    [Id(7)] public string? DecisionNote;
}

[RegisterConverter]
public sealed class CareHandoverConverter : IConverter<CareHandover, CareHandoverSurrogate>
{
    public CareHandover ConvertFromSurrogate(in CareHandoverSurrogate surrogate) => new(
        surrogate.HandoverId,
        surrogate.From,
        surrogate.To,
        surrogate.Note,
        surrogate.RequestedAt,
        surrogate.Status,
        surrogate.DecidedAt,
        surrogate.DecisionNote);

    public CareHandoverSurrogate ConvertToSurrogate(in CareHandover value) => new()
    {
        HandoverId = value.HandoverId,
        From = value.From,
        To = value.To,
        Note = value.Note,
        RequestedAt = value.RequestedAt,
        Status = value.Status,
        DecidedAt = value.DecidedAt,
        DecisionNote = value.DecisionNote,
    };
}

[RegisterCopier]
public sealed class CareHandoverCopier : ShallowCopier<CareHandover>;
