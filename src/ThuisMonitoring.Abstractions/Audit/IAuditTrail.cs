namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>The append-only, hash-chained audit trail (CONTRACT section 8).</summary>
public interface IAuditTrail
{
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
