namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>
/// An <see cref="AuditEvent"/> as it stands in the trail: its place in the chain (<paramref name="Id"/>, 1, 2, 3...)
/// and the SHA-256 hash that chains it to the record before it.
/// </summary>
public sealed record AuditRecord(long Id, AuditEvent Event, string Hash);
