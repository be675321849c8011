using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace ThuisMonitoring.Testing;

/// <summary>One endpoint of the host as <c>GET /api/testing/endpoints</c> lists it (see the host's EndpointCatalogue).</summary>
public sealed record CatalogueEndpoint(string Pattern, IReadOnlyList<string> Methods, bool AllowsAnonymous, IReadOnlyList<string> Policies, string? DisplayName)
{
    /// <summary>The methods to call it with: its own, or GET when it accepts any.</summary>
    public IReadOnlyList<string> CallableMethods => Methods.Count == 0 ? ["GET"] : Methods;

    /// <summary>The pattern with every route parameter (<c>{patientId}</c>, <c>{**path}</c>, <c>{id:guid}</c>) replaced by the value given for it, or by <paramref name="fallback"/>.</summary>
    public string PathWith(IReadOnlyDictionary<string, string>? values = null, string fallback = "x") =>
        Regex.Replace(Pattern, @"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}", m =>
            values is not null && values.TryGetValue(m.Groups["name"].Value, out var value) ? Uri.EscapeDataString(value) : fallback);

    public override string ToString() => $"{string.Join(',', CallableMethods)} {Pattern}";
}

/// <summary>Reads the host's endpoint list, so authorization tests cover every endpoint the host really maps.</summary>
public static class EndpointCatalogueClient
{
    public static async Task<IReadOnlyList<CatalogueEndpoint>> ReadAsync(HttpClient admin)
    {
        var endpoints = await admin.GetFromJsonAsync<List<CatalogueEndpoint>>("/api/testing/endpoints");
        return endpoints ?? throw new InvalidOperationException("The host answered no endpoint list.");
    }
}
