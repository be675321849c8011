using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace ThuisMonitoring.Web.Console;

/// <summary>
/// The patient app (PatientApp/, embedded like the console) at <c>/app/</c>: every file at <c>/app/{path}</c>,
/// <c>/app/</c> the page, <c>/app</c> a redirect to it. Anonymous like the console's files: the app holds no data
/// until it is paired, and the API and MQTT demand its credentials.
/// </summary>
public static class PatientAppEndpoints
{
    public const string BasePath = "/app";

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    // Same-origin only: the API and MQTT over WebSocket (/mqtt) are on this host; the service worker too.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapPatientApp(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = new ManifestEmbeddedFileProvider(typeof(PatientAppEndpoints).Assembly, "PatientApp");
        foreach (var file in ConsoleFile.ReadAll(provider))
        {
            Map(app, BasePath + file.RequestPath, file);
            if (file.RequestPath == "/index.html")
            {
                // Routing does not tell /app from /app/; the page's relative links need the slash.
                app.MapMethods(BasePath, Methods, (HttpContext context) =>
                        context.Request.Path.Value!.EndsWith('/') ? Serve(context, file) : Results.Redirect(BasePath + "/"))
                    .AllowAnonymous()
                    .ExcludeFromDescription()
                    .WithDisplayName("Patient app /app/");
            }
        }

        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, ConsoleFile file) =>
        app.MapMethods(pattern, Methods, (HttpContext context) => Serve(context, file))
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithDisplayName($"Patient app {pattern}");

    private static IResult Serve(HttpContext context, ConsoleFile file)
    {
        var headers = context.Response.Headers;
        // Revalidated by ETag; the service worker keeps its own copy for offline use.
        headers.CacheControl = "no-cache";
        if (file.IsPage)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        if (file.RequestPath == "/sw.js")
        {
            headers["Service-Worker-Allowed"] = BasePath + "/";
        }

        return TypedResults.Bytes(file.Contents, file.ContentType, entityTag: file.EntityTag);
    }
}
