namespace ThuisMonitoring.Domain.Protocols;

/// <summary>The effective protocol of a patient (<see cref="PatientProtocol.Resolve"/>) and the layers skipped because they did not fit.</summary>
public sealed record ResolvedProtocol(ProtocolDocument Document, IReadOnlyList<SkippedLayer> Skipped);
