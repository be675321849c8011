namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>The append-only, hash-chained audit trail (CONTRACT section 8).</summary>
public interface IAuditTrail
{
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Several events at once (one record each, in this order), committed in one transaction: the records of one
    /// answer that touched many patients (a list of 10,000 patients is 10,000 records, one commit).
    /// </summary>
    ValueTask RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken);
}
