namespace ThuisMonitoring.Domain.Protocols;

/// <summary>A protocol document (or a layer on top of one) was refused; <see cref="Errors"/> says which rule and which field.</summary>
public sealed class ProtocolDocumentException(IReadOnlyList<ProtocolError> errors)
    : FormatException("The protocol document is refused: " + string.Join("; ", errors))
{
    public IReadOnlyList<ProtocolError> Errors { get; } = errors;
}
