using System.Globalization;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Where in a payload a value sits: batch item index (or -1 for a single object) and field name
/// (or empty for the item itself). Turned into text only when an error is reported.
/// </summary>
internal readonly record struct FieldPath(int Index, string Name)
{
    public static readonly FieldPath Payload = new(-1, string.Empty);

    public FieldPath Field(string name) => new(Index, name);

    public override string ToString() => (Index, Name.Length) switch
    {
        ( < 0, _) => Name,
        (_, 0) => string.Create(CultureInfo.InvariantCulture, $"[{Index}]"),
        _ => string.Create(CultureInfo.InvariantCulture, $"[{Index}].{Name}"),
    };
}
