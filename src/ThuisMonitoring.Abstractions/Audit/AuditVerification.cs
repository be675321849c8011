namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>
/// The outcome of walking the chain: how many records were checked, and the first record whose hash, link or place
/// in the sequence does not hold (null when the chain is intact). <paramref name="LastHash"/> is the hash of the newest
/// intact record: noted outside the host, it also shows when records were cut off the end.
/// </summary>
public sealed record AuditVerification(long Records, long? FirstBrokenId, string? Reason, string LastHash)
{
    public bool Intact => FirstBrokenId is null;
}
