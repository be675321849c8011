using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>The JSON form of a <see cref="LabelledTrace"/> (the files of the trace library, and the replay's trace input).</summary>
public static class TraceFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Write(LabelledTrace trace) => JsonSerializer.Serialize(trace, Options);

    /// <summary>Reads a trace; throws <see cref="JsonException"/> on a malformed file.</summary>
    public static LabelledTrace Read(string json) =>
        JsonSerializer.Deserialize<LabelledTrace>(json, Options) ?? throw new JsonException("The trace file is empty.");
}
