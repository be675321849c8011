using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuisMonitoring.Storage;

/// <summary>
/// The one JSON shape of everything the embedded stores persist: web defaults (camelCase) and enums as their
/// kebab-case codes (<c>much-worse</c>, <c>early-discharge</c>), so a stored document survives enum reordering
/// and reads like the wire contract.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored document of {typeof(T).Name} is null.");
}
