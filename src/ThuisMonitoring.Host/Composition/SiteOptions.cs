namespace ThuisMonitoring.Host.Composition;

/// <summary>The configuration that shapes the whole process (CONTRACT section 1).</summary>
public sealed record SiteOptions(
    IReadOnlyList<Uri> Urls,
    string DataDirectory,
    bool DemoEnabled,
    ClusterSettings Cluster)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// The site's options, or (for a configuration that cannot work: a bad URL, an unknown cluster provider, PostgreSQL
    /// without a connection string) one critical line naming the key and exit code 1, not a stack trace.
    /// </summary>
    public static SiteOptions ReadOrExit(WebApplicationBuilder builder)
    {
        try
        {
            return From(builder.Configuration);
        }
        catch (InvalidOperationException problem)
        {
            using (var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole()))
            {
                loggers.CreateLogger(typeof(SiteOptions)).LogCritical("Configuration: {Problem}", problem.Message);
            }

            Environment.Exit(Operations.PortCheck.ExitCode);
            throw;
        }
    }

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
