namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>One NEN 7513 audit event: who did what to which patient's data, where and why.</summary>
public sealed record AuditEvent(
    DateTimeOffset At, string Actor, string Role, string? Organisation, string? PatientId,
    string Resource, string Action, string Channel, string Purpose);
