using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.DistrictNursing;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="IntakeRequest"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct IntakeRequestSurrogate
{
    [Id(0)] public string IntakeId;
    [Id(1)] public string PatientId;
    [Id(2)] public string TeamId;
    [Id(3)] public string TeamOrganisation;
    [Id(4)] public string Need;
    [Id(5)] public string RequestedBy;
    [Id(6)] public DateTimeOffset RequestedAt;
    [Id(7)] public IntakeStatus Status;
    [Id(8)] public string? AnsweredBy;
    [Id(9)] public DateTimeOffset? AnsweredAt;
    [Id(10)] public string? AnswerNote;
}

[RegisterConverter]
public sealed class IntakeRequestConverter : IConverter<IntakeRequest, IntakeRequestSurrogate>
{
    public IntakeRequest ConvertFromSurrogate(in IntakeRequestSurrogate surrogate) => new(
        surrogate.IntakeId,
        surrogate.PatientId,
        surrogate.TeamId,
        surrogate.TeamOrganisation,
        surrogate.Need,
        surrogate.RequestedBy,
        surrogate.RequestedAt,
        surrogate.Status,
        surrogate.AnsweredBy,
        surrogate.AnsweredAt,
        surrogate.AnswerNote);

    public IntakeRequestSurrogate ConvertToSurrogate(in IntakeRequest value) => new()
    {
        IntakeId = value.IntakeId,
        PatientId = value.PatientId,
        TeamId = value.TeamId,
        TeamOrganisation = value.TeamOrganisation,
        Need = value.Need,
        RequestedBy = value.RequestedBy,
        RequestedAt = value.RequestedAt,
        Status = value.Status,
        AnsweredBy = value.AnsweredBy,
        AnsweredAt = value.AnsweredAt,
        AnswerNote = value.AnswerNote,
    };
}

[RegisterCopier]
public sealed class IntakeRequestCopier : ShallowCopier<IntakeRequest>;
