using System.Text.Json;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Web.Api;

public sealed record ProtocolLayerDto(string Scope, int Version, JsonElement? Layer, string? ChangedBy, DateTimeOffset? ChangedAt, string ProtocolId);

public sealed record ProtocolChangeDto(string Scope, int Version, JsonElement? Old, JsonElement New, string ChangedBy, DateTimeOffset ChangedAt)
{
    public static ProtocolChangeDto From(ProtocolChange c) => new(
        c.Scope, c.Version, c.OldLayerJson is null ? null : ProtocolLayers.AsJson(c.OldLayerJson), ProtocolLayers.AsJson(c.NewLayerJson),
        c.ChangedBy, c.ChangedAt);
}

public sealed record PatientProtocolDto(string ProtocolId, JsonElement Document);

public sealed record TransitionRequest(string? State, string? Reason);

public sealed record TransitionDto(string From, string To, string By, string Reason, DateTimeOffset At)
{
    public static TransitionDto Of(EpisodeTransition t) => new(t.From.ToCode(), t.To.ToCode(), t.By, t.Reason, t.At);
}

public sealed record OxygenFlowRequest(double? Flow);

public sealed record AdviceDecisionRequest(string? Note);

public sealed record AdviceDto(
    string Id, string Kind, string Reason, string Summary, double? ProposedFlow, DateTimeOffset ProposedAt,
    string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note)
{
    public static AdviceDto From(ClinicalAdvice a) => new(
        a.AdviceId, a.Kind.ToCode(), a.Reason, a.Summary, a.ProposedFlow, a.ProposedAt,
        a.Status.ToString().ToLowerInvariant(), a.DecidedBy, a.DecidedAt, a.Note);
}

public sealed record EligibilityCriterionDto(string Code, bool? Met, string Detail);

public sealed record EligibilityDto(bool Eligible, string Pathway, DateTimeOffset CheckedAt, string ProtocolId, IReadOnlyList<EligibilityCriterionDto> Criteria)
{
    public static EligibilityDto From(EligibilityResult r) => new(
        r.Eligible, r.Pathway.ToCode(), r.CheckedAt, r.ProtocolId,
        r.Criteria.Select(c => new EligibilityCriterionDto(c.Code, c.Met, c.Detail)).ToList());
}

public sealed record EnrolmentCreatedDto(string PatientId, EligibilityDto? Eligibility);
