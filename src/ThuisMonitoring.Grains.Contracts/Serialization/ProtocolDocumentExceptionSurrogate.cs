using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>
/// Carries a refused protocol document's <see cref="ProtocolDocumentException.Errors"/> across a grain call. Orleans'
/// exception codec keeps only an exception's type and message, so callers would lose which rule and which field.
/// </summary>
[GenerateSerializer]
public struct ProtocolDocumentExceptionSurrogate
{
    [Id(0)]
    public List<ProtocolError> Errors;
}

[RegisterConverter]
public sealed class ProtocolDocumentExceptionConverter : IConverter<ProtocolDocumentException, ProtocolDocumentExceptionSurrogate>
{
    public ProtocolDocumentException ConvertFromSurrogate(in ProtocolDocumentExceptionSurrogate surrogate) => new(surrogate.Errors ?? []);

    public ProtocolDocumentExceptionSurrogate ConvertToSurrogate(in ProtocolDocumentException value) => new() { Errors = value.Errors.ToList() };
}
