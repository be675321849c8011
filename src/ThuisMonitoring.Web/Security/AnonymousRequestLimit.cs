using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ThuisMonitoring.Web.Security;

/// <summary>
/// Anyone can reach the endpoints that need no token (login, device token, pairing, health, the console files), so
/// their request bodies are capped at a few KB: a larger one is refused with 413 problem details before it is read.
/// Authenticated endpoints keep the server-wide limit, <see cref="SignedInMaxBodyBytes"/> (the host sets it on Kestrel).
/// </summary>
public static class AnonymousRequestLimit
{
    /// <summary>A login or token request is well under 1 KB.</summary>
    public const long MaxBodyBytes = 8 * 1024;

    /// <summary>The largest body of a signed-in call (an enrolment bundle with 48 h of ward observations is ~100 KB).</summary>
    public const long SignedInMaxBodyBytes = 1024 * 1024;

    /// <summary>The detail of the 413 problem.</summary>
    public static readonly string TooLargeDetail =
        $"The request body is too large: at most {MaxBodyBytes / 1024} KB without a token, {SignedInMaxBodyBytes / (1024 * 1024)} MB with one.";

    /// <summary>After routing (the endpoint decides), before the endpoint reads the body.</summary>
    public static IApplicationBuilder UseAnonymousRequestLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false } && IsAnonymous(context.GetEndpoint()))
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            return next(context);
        });

    private static bool IsAnonymous(Endpoint? endpoint) =>
        endpoint is null
        || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
}
