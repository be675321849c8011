using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Prepares a layer posted through the API for the library. The <c>layer</c> and <c>version</c> headers are the
/// platform's, not the author's: the header names the scope the layer was put on and the version the library gives
/// it, so the effective protocol id (<c>covid-oxygen@1+org:rijnstad@3+patient@2</c>) always matches the audit log.
/// </summary>
public static class ProtocolLayers
{
    /// <summary>The layer label of an organisation: lower case, anything but letters and digits as '-'.</summary>
    public static string OrganisationLabel(string organisation)
    {
        var slug = new StringBuilder();
        foreach (var c in organisation.Trim().ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var text = slug.ToString().Trim('-');
        return "org:" + (text.Length == 0 ? "x" : text);
    }

    /// <summary>
    /// The posted layer with its headers set, or the errors when it is not a JSON object (the rest is checked by
    /// <see cref="ProtocolDocumentReader.ValidateLayered(string, IEnumerable{string})"/>).
    /// </summary>
    public static (string? LayerJson, IReadOnlyList<ProtocolError> Errors) Stamp(JsonElement? body, string label, int version)
    {
        if (body is not { ValueKind: JsonValueKind.Object } element)
        {
            return (null, [new ProtocolError("$", "must be a JSON object (a partial protocol document)", label)]);
        }

        var layer = JsonNode.Parse(element.GetRawText())!.AsObject();
        layer["layer"] = label;
        layer["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (layer.ToJsonString(), []);
    }

    /// <summary>A stored layer as a JSON value for a response body.</summary>
    public static JsonElement AsJson(string layerJson)
    {
        using var document = JsonDocument.Parse(layerJson);
        return document.RootElement.Clone();
    }
}
