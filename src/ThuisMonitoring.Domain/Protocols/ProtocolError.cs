namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Why a protocol document was refused: the field (a JSON path such as <c>news2.spo2.bands[2].upTo</c>), what is
/// wrong with it, and the layer that brought it in (e.g. <c>org:rijnstad@3</c>; null for the basis document).
/// </summary>
public sealed record ProtocolError(string Field, string Message, string? Layer = null)
{
    public override string ToString() => Layer is null ? $"{Field} {Message}" : $"{Layer}: {Field} {Message}";
}
