using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuisMonitoring.DeviceSimulator;

/// <summary>The one JSON shape the simulator speaks: web defaults (camelCase), absent fields left out.</summary>
public static class SimulatorJson
{
    /// <summary>Options for every payload and API call of the simulator.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
