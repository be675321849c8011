using ThuisMonitoring.Abstractions.Audit;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>What every store refuses to append: an event without actor, resource, action or channel.</summary>
internal static class AuditEventCheck
{
    public static void ThrowIfIncomplete(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Channel);
    }
}
