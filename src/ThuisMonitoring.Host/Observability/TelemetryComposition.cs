using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Telemetry;
using ThuisMonitoring.Host.Composition;

namespace ThuisMonitoring.Host.Observability;

/// <summary>
/// OpenTelemetry for operators: the platform's meters (ingestion, store commits, InfluxDB forwarding, alerts raised,
/// console connections), ASP.NET Core, the .NET runtime and Orleans, and traces from the MQTT publish through the grain
/// call to the SignalR push. Metrics are scraped at <c>/metrics</c> (Prometheus text; <c>Telemetry:Prometheus:Enabled</c>,
/// default true); <c>Telemetry:Otlp:Endpoint</c> exports metrics and traces over OTLP (<c>Telemetry:Otlp:Protocol</c>
/// <c>grpc</c>, the default, or <c>http/protobuf</c>, then to <c>{endpoint}/v1/traces</c> and <c>/v1/metrics</c>).
/// </summary>
public static class TelemetryComposition
{
    public const string OtlpEndpointKey = "Telemetry:Otlp:Endpoint";
    public const string OtlpProtocolKey = "Telemetry:Otlp:Protocol";
    public const string PrometheusKey = "Telemetry:Prometheus:Enabled";
    public const string ScrapePath = "/metrics";

    /// <summary>Tag combinations a metric keeps apart (routes × methods × status codes is the largest, in the low hundreds).</summary>
    public const int MetricPointsPerStream = 500;

    private static readonly string[] Meters =
    [
        "ThuisMonitoring.*",
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    private static readonly string[] TraceSources =
    [
        PlatformTracing.SourceName,
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
    ];

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = Endpoint(configuration, OtlpEndpointKey);
        var http = Protocol(configuration);
        var prometheus = configuration.GetValue(PrometheusKey, true);

        builder.Services.AddSingleton<PlatformMeters>();
        // The consoles' notifier, wrapped so every push is a span and every raised alert is counted.
        builder.Services.Decorate<IAlertNotifier>((sp, inner) => new MeasuredAlertNotifier(inner, sp.GetRequiredService<PlatformMeters>()));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("thuismonitoring", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddRuntimeInstrumentation();
                // Every metric stream allocates room for its cardinality limit up front (OpenTelemetry's default: 2,000
                // points of about 100 bytes): 138 streams held 20 MB of empty points in an idle host. No metric here has
                // more than a few dozen tag combinations; past the limit a stream counts the rest under one overflow point.
                metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerStream });
                if (prometheus)
                {
                    // Every scrape reads the meters afresh (the exporter's default keeps an answer for 300 ms): a
                    // scrape is a few KB every 15 s, and a reader that just caused a change sees it.
                    metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => Export(options, otlp, http, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            // Traces only when they go somewhere: without an exporter every publish and grain call would still start
            // and stop its activities (about 2 % of the host's CPU under load) for nobody.
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(TraceSources)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(ScrapePath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(options => Export(options, otlp, http, "v1/traces")));
        }
    }

    /// <summary>Whether traces are exported (an OTLP endpoint is set): only then do grain calls carry the trace on.</summary>
    public static bool ExportsTraces(IConfiguration configuration) => Endpoint(configuration, OtlpEndpointKey) is not null;

    /// <summary>Maps the Prometheus scrape endpoint (no patient data: counts, rates and latencies only).</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PlatformMeters>();
        if (app.Configuration.GetValue(PrometheusKey, true))
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath).AllowAnonymous();
        }
    }

    private static void Export(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri endpoint, bool http, string signalPath)
    {
        options.Protocol = http ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        // Set in code, the endpoint is taken as it is: over HTTP each signal has its own path.
        options.Endpoint = http ? new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath) : endpoint;
    }

    private static bool Protocol(IConfiguration configuration) => configuration[OtlpProtocolKey] switch
    {
        null or "" or "grpc" => false,
        "http/protobuf" => true,
        var other => throw new InvalidOperationException($"{OtlpProtocolKey}: '{other}' is not an OTLP protocol; use grpc or http/protobuf."),
    };

    private static Uri? Endpoint(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{key}: '{text}' is not an http:// or https:// address.");
    }
}
