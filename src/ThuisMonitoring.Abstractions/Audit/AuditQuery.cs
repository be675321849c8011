namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>
/// Which audit records to read: every filter that is set must match (<paramref name="From"/> and <paramref name="To"/>
/// inclusive, on <see cref="AuditEvent.At"/>); pages are 1-based and counted newest first.
/// </summary>
public sealed record AuditQuery(
    string? PatientId = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Page = 1, int PageSize = AuditQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;
}
