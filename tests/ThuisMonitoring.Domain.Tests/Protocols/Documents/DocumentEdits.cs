using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>The shipped document with one field changed, added or removed, addressed by its path ("a.b[2].c").</summary>
internal static partial class DocumentEdits
{
    public static string With(string path, string? jsonValue, string? json = null)
    {
        var root = JsonNode.Parse(json ?? CovidOxygenProtocol.Json)!.AsObject();
        var segments = Segments().Matches(path).Select(m => m.Value).ToList();
        JsonNode parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = segment.StartsWith('[') ? parent[int.Parse(segment[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[segment]!;
        }

        var last = segments[^1];
        if (last.StartsWith('['))
        {
            parent.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = jsonValue is null ? null : JsonNode.Parse(jsonValue);
        }
        else if (jsonValue is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(jsonValue);
        }

        return root.ToJsonString();
    }

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex Segments();
}
