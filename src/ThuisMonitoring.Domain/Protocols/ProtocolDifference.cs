using System.Text.Json.Nodes;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>One number (or value) where a patient's protocol differs from the organisation's: its field path and both values as JSON.</summary>
public sealed record ProtocolFieldDifference(string Field, string? Organisation, string? Patient);

/// <summary>
/// Where a patient's effective protocol differs from the organisation's, field by field, so a clinician sees a
/// per-patient threshold as a deviation from the protocol rather than as a whole document.
/// </summary>
public static class ProtocolDifference
{
    // Headers and identity, not rules.
    private static readonly HashSet<string> Ignored = ["name", "version", "description", "layer", "layers", "id"];

    public static IReadOnlyList<ProtocolFieldDifference> Between(ProtocolDocument organisation, ProtocolDocument patient)
    {
        var differences = new List<ProtocolFieldDifference>();
        Compare(string.Empty, ProtocolDocumentWriter.ToJson(organisation), ProtocolDocumentWriter.ToJson(patient), differences);
        return differences;
    }

    private static void Compare(string path, JsonNode? left, JsonNode? right, List<ProtocolFieldDifference> differences)
    {
        if (left is JsonObject l && right is JsonObject r)
        {
            foreach (var key in l.Select(p => p.Key).Union(r.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                if (path.Length == 0 && Ignored.Contains(key))
                {
                    continue;
                }

                Compare(path.Length == 0 ? key : $"{path}.{key}", l[key], r[key], differences);
            }

            return;
        }

        if (!JsonNode.DeepEquals(left, right))
        {
            differences.Add(new ProtocolFieldDifference(path, left?.ToJsonString(), right?.ToJsonString()));
        }
    }
}
