using System.Globalization;
using System.Text.Json;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>Measurement payloads as a device sends them (CONTRACT section 2).</summary>
public static class Measurement
{
    /// <summary>One measurement object, measured now, with the given vitals; null values are left out.</summary>
    public static string Json(
        string? messageId,
        int? spo2 = null,
        int? heartRate = null,
        int? respiratoryRate = null,
        double? oxygenFlow = null,
        double? temperature = null,
        string? feeling = null,
        DateTimeOffset? measuredAt = null)
    {
        var fields = new Dictionary<string, object>
        {
            ["measuredAt"] = (measuredAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        };
        Add(fields, "messageId", messageId);
        Add(fields, "spo2", spo2);
        Add(fields, "heartRate", heartRate);
        Add(fields, "respiratoryRate", respiratoryRate);
        Add(fields, "oxygenFlow", oxygenFlow);
        Add(fields, "temperature", temperature);
        Add(fields, "feeling", feeling);
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>A measurement well inside the green band on 2 L/min.</summary>
    public static string Green(string messageId) => Json(messageId, spo2: 97, heartRate: 72, respiratoryRate: 16, oxygenFlow: 2.0, temperature: 37.0);

    public static string NewMessageId() => Guid.NewGuid().ToString("N");

    private static void Add(Dictionary<string, object> fields, string name, object? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }
}
