namespace ThuisMonitoring.Host.Composition;

/// <summary>The configuration that shapes the whole process (CONTRACT section 1).</summary>
public sealed record SiteOptions(
    IReadOnlyList<Uri> Urls,
    string DataDirectory,
    bool DemoEnabled,
    ClusterSettings Cluster)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static SiteOptions From(IConfiguration configuration)
    {
        var urls = (configuration["Urls"] ?? DefaultUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseUrl)
            .ToList();
        var dataDirectory = Path.GetFullPath(configuration["Data:Directory"] ?? "./data");
        return new SiteOptions(
            urls,
            dataDirectory,
            configuration.GetValue("Demo:Enabled", false),
            ClusterSettings.From(configuration));
    }

    private static Uri ParseUrl(string url)
    {
        // Kestrel accepts wildcard hosts that Uri does not.
        var normalised = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"Urls: '{url}' is not an http:// or https:// address.");
    }
}
