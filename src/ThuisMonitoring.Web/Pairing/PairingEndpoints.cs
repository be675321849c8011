using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Pairing;

/// <summary>
/// <c>POST /api/pairing/{code}</c> (anonymous, throttled per address like the logins): the code once for
/// <c>{"deviceId","secret","mqttUrl"}</c>. An unknown, used or expired code is the same 404, so nothing is revealed.
/// </summary>
public static class PairingEndpoints
{
    public static IEndpointRouteBuilder MapPairingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/pairing/{code}", RedeemAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        return app;
    }

    private static async Task<IResult> RedeemAsync(string code, HttpRequest request, AppPairing pairing, CancellationToken cancellationToken)
    {
        if (await pairing.RedeemAsync(code, cancellationToken) is not { } credentials)
        {
            return ApiProblem.NotFound("This pairing code is unknown, used or expired. Ask the monitoring centre for a new one.");
        }

        return Results.Ok(new PairingCredentials(credentials.DeviceId, credentials.Secret, AppPairing.MqttUrl(request)));
    }
}

/// <summary>Answer of <c>POST /api/pairing/{code}</c>.</summary>
public sealed record PairingCredentials(string DeviceId, string Secret, string MqttUrl);
