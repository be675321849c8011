using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// TOTP enrolment of the caller, with a full token or the restricted enrolment token the login hands out when the
/// organisation requires a second factor: <c>POST /api/me/totp</c> (a new secret) and
/// <c>POST /api/me/totp/confirm {code}</c> (the first code; answers a fresh token pair).
/// </summary>
public static class SecondFactorEndpoints
{
    public static IEndpointRouteBuilder MapSecondFactorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/me/totp", EnrolAsync).RequireAuthorization(Policies.Account);
        app.MapPost("/api/me/totp/confirm", ConfirmAsync).RequireAuthorization(Policies.Account);
        return app;
    }

    private static async Task<IResult> EnrolAsync(ClaimsPrincipal caller, StaffAccounts accounts, CancellationToken cancellationToken)
    {
        var secret = TotpCodes.NewSecret();
        var alreadyConfirmed = false;
        var user = await accounts.ChangeAsync(caller.Username(), u =>
        {
            alreadyConfirmed = u.Totp is { Confirmed: true };
            return alreadyConfirmed ? u : u with { Totp = new(secret, Confirmed: false, LastUsedStep: 0) };
        }, revokeTokens: false, "second factor enrolment started", cancellationToken);
        if (user is null)
        {
            return ApiProblem.NotFound("Your user no longer exists.");
        }

        return alreadyConfirmed
            ? ApiProblem.Conflict("You already have a second factor; an admin can reset it (DELETE /api/users/{username}/totp).")
            : Results.Ok(new TotpEnrolmentResponse(secret, TotpCodes.UriFor(secret, user.Username)));
    }

    private static async Task<IResult> ConfirmAsync(
        TotpCodeRequest? request, ClaimsPrincipal caller, TotpCodes codes, StaffAccounts accounts, SessionTokens sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Code))
        {
            return ApiProblem.BadRequest("code is required: the 6-digit code your authenticator app shows.");
        }

        string? problem = null;
        var user = await accounts.ChangeAsync(caller.Username(), u =>
        {
            if (u.Totp is not { Confirmed: false } pending)
            {
                problem = u.Totp is null ? "Start with POST /api/me/totp." : "Your second factor is already confirmed.";
                return u;
            }

            if (codes.Match(pending, request.Code) is not { } step)
            {
                problem = "code is not the current code of the secret from POST /api/me/totp (check the phone's clock).";
                return u;
            }

            problem = null;
            return u with { Totp = pending with { Confirmed = true, LastUsedStep = step } };
        }, revokeTokens: false, "second factor confirmed", cancellationToken);
        if (user is null)
        {
            return ApiProblem.NotFound("Your user no longer exists.");
        }

        if (problem is not null)
        {
            return ApiProblem.BadRequest(problem);
        }

        // Earlier tokens were issued without the second factor: revoke them and hand the caller a full pair.
        user = await accounts.ChangeAsync(user.Username, u => u, revokeTokens: true, "second factor enrolled", cancellationToken);
        return Results.Ok(await sessions.StartAsync(user!, cancellationToken));
    }
}
