namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// A protocol layer left out of a patient's effective protocol: whose it was (<see cref="PatientProtocol.Organisation"/>
/// or <see cref="PatientProtocol.Patient"/>) and why it did not fit.
/// </summary>
public sealed record SkippedLayer(string Owner, IReadOnlyList<ProtocolError> Errors)
{
    public override string ToString() => $"{Owner} layer: {string.Join("; ", Errors)}";
}
