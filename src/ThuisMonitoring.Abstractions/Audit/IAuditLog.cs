namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>Reading the audit trail: for the privacy officer, the patient's access log and the chain check.</summary>
public interface IAuditLog
{
    /// <summary>Records matching <paramref name="query"/>, newest first, one page.</summary>
    ValueTask<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Walks the whole chain from the first record and reports the first broken one.</summary>
    ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}
