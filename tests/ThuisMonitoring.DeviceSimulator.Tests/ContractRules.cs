using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ThuisMonitoring.DeviceSimulator.Tests;

/// <summary>
/// The measurement rules of CONTRACT section 2, written down independently of the simulator so the tests can hold
/// its output against them.
/// </summary>
internal static partial class ContractRules
{
    private static readonly (string Field, double Min, double Max, bool Integer)[] Ranges =
    [
        ("spo2", 50, 100, true),
        ("heartRate", 20, 250, true),
        ("respiratoryRate", 4, 60, true),
        ("oxygenFlow", 0, 15, false),
        ("temperature", 30.0, 45.0, false),
        ("perfusionIndex", 0, 20, false),
    ];

    private static readonly string[] Feelings = ["better", "same", "worse", "much-worse"];

    public static IReadOnlyList<string> Violations(string json, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return ["not JSON"];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ["not an object"];
            }

            var violations = new List<string>();
            if (!root.TryGetProperty("measuredAt", out var measuredAt) || measuredAt.ValueKind != JsonValueKind.String)
            {
                violations.Add("measuredAt missing");
            }
            else if (!Rfc3339().IsMatch(measuredAt.GetString()!)
                     || !DateTimeOffset.TryParse(measuredAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            {
                violations.Add("measuredAt not RFC 3339 with offset");
            }
            else if (moment > now.AddMinutes(5) || moment < now.AddDays(-7))
            {
                violations.Add("measuredAt out of window");
            }

            if (root.TryGetProperty("messageId", out var messageId)
                && (messageId.ValueKind != JsonValueKind.String || messageId.GetString()!.Length is < 1 or > 64))
            {
                violations.Add("messageId");
            }

            var content = false;
            foreach (var (field, min, max, integer) in Ranges)
            {
                if (!root.TryGetProperty(field, out var value))
                {
                    continue;
                }

                content = true;
                if (value.ValueKind != JsonValueKind.Number
                    || (integer && !value.TryGetInt32(out _))
                    || value.GetDouble() < min || value.GetDouble() > max)
                {
                    violations.Add(field);
                }
            }

            if (root.TryGetProperty("feeling", out var feeling))
            {
                content = true;
                if (feeling.ValueKind != JsonValueKind.String || !Feelings.Contains(feeling.GetString()))
                {
                    violations.Add("feeling");
                }
            }

            if (root.TryGetProperty("exertion", out var exertion) && exertion.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                violations.Add("exertion");
            }

            if (!content)
            {
                violations.Add("no vital sign or feeling");
            }

            return violations;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
