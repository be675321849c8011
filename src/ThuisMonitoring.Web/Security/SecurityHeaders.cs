using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ThuisMonitoring.Web.Security;

/// <summary>
/// The one place for the response headers every answer carries (API, FHIR, hub, console, health, problem details):
/// nothing is cached unless the endpoint says so (patient data must not stay in a browser or proxy cache), no MIME
/// sniffing, never framed, no referrer; Strict-Transport-Security on HTTPS only. Set when the response starts, so
/// answers written by the exception handler (which clears headers) carry them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>One year: browsers that once reached the host over HTTPS keep using HTTPS.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }

        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return Task.CompletedTask;
    }
}
