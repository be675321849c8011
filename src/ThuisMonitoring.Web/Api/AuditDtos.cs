using ThuisMonitoring.Abstractions.Audit;

namespace ThuisMonitoring.Web.Api;

/// <summary>One audit record as <c>GET /api/audit</c> shows it.</summary>
public sealed record AuditRecordDto(
    long Id, DateTimeOffset At, string Actor, string Role, string? Organisation, string? PatientId,
    string Resource, string Action, string Channel, string Purpose, string Hash)
{
    public static AuditRecordDto From(AuditRecord r) => new(
        r.Id, r.Event.At, r.Event.Actor, r.Event.Role, r.Event.Organisation, r.Event.PatientId,
        r.Event.Resource, r.Event.Action, r.Event.Channel, r.Event.Purpose, r.Hash);
}

/// <summary>A page of audit records, newest first; <c>hasMore</c> says whether <c>page + 1</c> has older ones.</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditRecordDto> Records, int Page, int PageSize, bool HasMore);

/// <summary><c>GET /api/audit/verify</c>: the chain check.</summary>
public sealed record AuditVerificationDto(bool Intact, long Records, long? FirstBrokenId, string? Reason, string LastHash)
{
    public static AuditVerificationDto From(AuditVerification v) => new(v.Intact, v.Records, v.FirstBrokenId, v.Reason, v.LastHash);
}

/// <summary>One line of a patient's own access log: who looked at or changed my data, when, where and why.</summary>
public sealed record AccessLogEntryDto(
    DateTimeOffset At, string Actor, string Role, string? Organisation, string Resource, string Action, string Channel, string Purpose)
{
    public static AccessLogEntryDto From(AuditRecord r) => new(
        r.Event.At, r.Event.Actor, r.Event.Role, r.Event.Organisation, r.Event.Resource, r.Event.Action, r.Event.Channel, r.Event.Purpose);
}

/// <summary>A page of the patient's access log, newest first.</summary>
public sealed record AccessLogPageDto(IReadOnlyList<AccessLogEntryDto> Entries, int Page, int PageSize, bool HasMore);
