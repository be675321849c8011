using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace ThuisMonitoring.Web.Console;

/// <summary>The monitoring-centre console: the static page embedded in this assembly from ConsoleApp/.</summary>
public static class ConsoleEndpoints
{
    // The page is not fingerprinted (app.js stays app.js across releases), so every file is revalidated by ETag
    // rather than cached: a nurse must never run yesterday's script against today's API.
    private const string CacheControl = "no-cache";

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    // Everything the page needs comes from this host; the SignalR socket is same-origin, which 'self' covers.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Maps a GET (and HEAD) endpoint for every embedded console file at its own path (<c>/index.html</c>, <c>/app.js</c>,
    /// <c>/lib/signalr.min.js</c>, ...) and <c>/</c> to <c>index.html</c>. The endpoints allow anonymous access:
    /// the page itself holds no patient data, the API and hub it calls demand a bearer token.
    /// </summary>
    public static IEndpointRouteBuilder MapMonitoringConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = new ManifestEmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "ConsoleApp");
        foreach (var file in ConsoleFile.ReadAll(provider))
        {
            Map(app, file.RequestPath, file);
            if (file.RequestPath == "/index.html")
            {
                Map(app, "/", file);
            }
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, ConsoleFile file) =>
        app.MapMethods(pattern, Methods, (HttpContext context) => Serve(context, file))
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithDisplayName($"Console {pattern}");

    private static IResult Serve(HttpContext context, ConsoleFile file)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;

        // nosniff, framing and referrer headers: Security.SecurityHeaders, for every response.
        if (file.IsPage)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        // Answers If-None-Match with 304 itself.
        return TypedResults.Bytes(file.Contents, file.ContentType, entityTag: file.EntityTag);
    }
}
