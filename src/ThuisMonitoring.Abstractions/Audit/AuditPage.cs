namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>One page of audit records, newest first, and whether an older page follows.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, int Page, int PageSize, bool HasMore);
