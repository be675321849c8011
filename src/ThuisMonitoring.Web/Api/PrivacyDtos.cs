using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Web.Api;

/// <summary>The <c>consent</c> object of an enrolment: when the patient gave informed consent (default now) and to what.</summary>
public sealed record ConsentRequest(string? GivenAt, string? Scope);

/// <summary>Body of <c>POST /api/patients/{id}/consent/withdraw</c>.</summary>
public sealed record WithdrawConsentRequest(string? Reason);

/// <summary>Body of <c>POST /api/patients/{id}/erasure</c> and <c>POST /api/erasures/{id}/reject</c>.</summary>
public sealed record ErasureReasonRequest(string? Reason);

public sealed record ConsentDto(
    string PatientId, string Scope, DateTimeOffset GivenAt, string RecordedBy, string Status,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason)
{
    public static ConsentDto From(string patientId, Consent consent) => new(
        patientId, consent.Scope, consent.GivenAt, consent.RecordedBy, consent.IsWithdrawn ? "withdrawn" : "given",
        consent.WithdrawnAt, consent.WithdrawnBy, consent.WithdrawalReason);
}

public sealed record ErasureDto(
    string ErasureId, string PatientId, string Status, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote, DateTimeOffset? CarriedOutAt, string? LastError,
    IReadOnlyDictionary<string, long>? Removed = null)
{
    public static ErasureDto From(ErasureRequest request, IReadOnlyDictionary<string, long>? removed = null) => new(
        request.ErasureId, request.PatientId, request.Status.ToCode(), request.Reason, request.RequestedBy, request.RequestedAt,
        request.DecidedBy, request.DecidedAt, request.DecisionNote, request.CarriedOutAt, request.LastError, removed);
}
