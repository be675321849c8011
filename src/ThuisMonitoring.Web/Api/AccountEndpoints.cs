using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Logins;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Disabling and enabling users and changing passwords; each revokes every token the user holds
/// (<see cref="StaffAccounts"/>). <c>POST /api/users/{username}/disable|enable|password</c> and
/// <c>DELETE /api/users/{username}/totp</c> (admin), <c>POST /api/me/password</c> (the user).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/users/{username}/disable", (string username, ClaimsPrincipal caller, StaffAccounts accounts, CancellationToken cancellationToken) =>
            SetDisabledAsync(username, true, caller, accounts, cancellationToken)).RequireAuthorization(Policies.Admin);
        app.MapPost("/api/users/{username}/enable", (string username, ClaimsPrincipal caller, StaffAccounts accounts, CancellationToken cancellationToken) =>
            SetDisabledAsync(username, false, caller, accounts, cancellationToken)).RequireAuthorization(Policies.Admin);
        app.MapPost("/api/users/{username}/password", ResetPasswordAsync).RequireAuthorization(Policies.Admin);
        app.MapDelete("/api/users/{username}/totp", ResetSecondFactorAsync).RequireAuthorization(Policies.Admin);
        app.MapPost("/api/me/password", ChangePasswordAsync).RequireAuthorization(Policies.Account);
        return app;
    }

    private static async Task<IResult> SetDisabledAsync(string username, bool disabled, ClaimsPrincipal caller, StaffAccounts accounts, CancellationToken cancellationToken)
    {
        if (disabled && string.Equals(username, caller.Username(), StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblem.Conflict("You cannot disable yourself; ask another admin.");
        }

        var user = await accounts.ChangeAsync(username, u => u with { Disabled = disabled }, revokeTokens: true,
            disabled ? "disabled" : "enabled", cancellationToken);
        return user is null ? ApiProblem.NotFound($"There is no user '{username}'.") : Results.Ok(new UserStatusResponse(user.Username, user.Disabled));
    }

    private static async Task<IResult> ResetPasswordAsync(string username, PasswordResetRequest? request, StaffAccounts accounts, CancellationToken cancellationToken)
    {
        if (PasswordPolicy.Check(request?.NewPassword, username) is { } weak)
        {
            return LoginProblems.WeakPassword(weak, "newPassword");
        }

        var user = await accounts.ChangeAsync(username, u => u with { PasswordHash = PasswordHash.Create(request!.NewPassword!) },
            revokeTokens: true, "password reset by an admin", cancellationToken);
        return user is null ? ApiProblem.NotFound($"There is no user '{username}'.") : Results.NoContent();
    }

    private static async Task<IResult> ResetSecondFactorAsync(string username, StaffAccounts accounts, CancellationToken cancellationToken)
    {
        var user = await accounts.ChangeAsync(username, u => u with { Totp = null }, revokeTokens: true, "second factor reset by an admin", cancellationToken);
        return user is null ? ApiProblem.NotFound($"There is no user '{username}'.") : Results.NoContent();
    }

    /// <summary>The caller's own password; answers a fresh token pair, since every earlier token of theirs is revoked.</summary>
    private static async Task<IResult> ChangePasswordAsync(
        PasswordChangeRequest? request, ClaimsPrincipal caller, HttpContext http, IUserDirectory users, StaffAccounts accounts,
        SessionTokens sessions, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        var username = caller.Username();
        if (string.IsNullOrEmpty(request?.CurrentPassword))
        {
            return ApiProblem.BadRequest("currentPassword is required.");
        }

        if (throttle.RetryAfter(username, http.Connection.RemoteIpAddress) is { } wait)
        {
            return LoginProblems.Throttled(wait);
        }

        if (PasswordPolicy.Check(request.NewPassword, username) is { } weak)
        {
            return LoginProblems.WeakPassword(weak, "newPassword");
        }

        var current = await users.FindAsync(username, cancellationToken);
        if (current is null || !PasswordHash.Verify(request.CurrentPassword, current.PasswordHash))
        {
            throttle.Failed(username, http.Connection.RemoteIpAddress);
            return ApiProblem.BadRequest("currentPassword is not your current password.");
        }

        var user = await accounts.ChangeAsync(username, u => u with { PasswordHash = PasswordHash.Create(request.NewPassword!) },
            revokeTokens: true, "password changed", cancellationToken);
        if (user is null)
        {
            return ApiProblem.NotFound($"There is no user '{username}'.");
        }

        return Results.Ok(await sessions.StartAsync(user, cancellationToken));
    }
}
