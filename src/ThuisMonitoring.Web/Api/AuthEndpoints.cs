using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Logins;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// <c>POST /api/auth/token</c>, <c>/refresh</c> and <c>/logout</c>, <c>POST /api/users</c> and <c>GET /api/users?role=</c>
/// (colleagues for pickers); the account changes are in <see cref="AccountEndpoints"/> and <see cref="SecondFactorEndpoints"/>.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        app.MapPost("/api/auth/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        app.MapPost("/api/auth/logout", LogoutAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        app.MapPost("/api/users", CreateUserAsync).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/users", ListStaffAsync).RequireAuthorization(Policies.Staff);
        app.MapAccountEndpoints();
        app.MapSecondFactorEndpoints();
        return app;
    }

    /// <summary>
    /// Enabled staff by role (nurse, clinician, admin; all staff when omitted) that the caller may see
    /// (<see cref="PatientAccess"/>: their own organisation's, and the clinicians they may need to pick): username,
    /// display name, role and organisation, no more. An admin may ask <c>includeDisabled=true</c> for every account
    /// but patients' (privacy officers and disabled users too), for the user administration page.
    /// </summary>
    private static async Task<IResult> ListStaffAsync(
        string? role, bool? includeDisabled, ClaimsPrincipal caller, IUserDirectory users, PatientAccess access, CancellationToken cancellationToken)
    {
        var everyone = includeDisabled == true && caller.Role() == Roles.Admin;
        string[] staff = everyone ? [Roles.Nurse, Roles.Clinician, Roles.Admin, Roles.PrivacyOfficer] : [Roles.Nurse, Roles.Clinician, Roles.Admin];
        if (!string.IsNullOrEmpty(role) && !staff.Contains(role))
        {
            return ApiProblem.BadRequest($"role must be one of: {string.Join(", ", staff)}.");
        }

        var scope = await access.ScopeAsync(caller, cancellationToken);
        var listed = await users.ListAsync(string.IsNullOrEmpty(role) ? null : role, cancellationToken);
        return Results.Ok(listed
            .Where(u => staff.Contains(u.Role) && (everyone || !u.Disabled) && scope.MaySeeStaff(u))
            .Select(u => new StaffMemberDto(u.Username, u.DisplayName, u.Role, u.Organisation, u.Disabled))
            .ToList());
    }

    private static Task<IResult> IssueTokenAsync(TokenRequest? request, HttpContext http, StaffLogin login, CancellationToken cancellationToken) =>
        login.SignInAsync(request, http.Connection.RemoteIpAddress, cancellationToken);

    /// <summary>A new token pair for a refresh token, which is used up; 401 when it is unknown, used, expired or revoked.</summary>
    private static async Task<IResult> RefreshAsync(RefreshRequest? request, SessionTokens sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return ApiProblem.BadRequest("refreshToken is required.");
        }

        return await sessions.RefreshAsync(request.RefreshToken, cancellationToken) is { } tokens
            ? Results.Ok(tokens)
            : ApiProblem.Unauthorized("The refresh token is unknown, expired, used or revoked: sign in again.");
    }

    /// <summary>Ends the login of the refresh token (every token rotated from it); 204 whether or not it was known.</summary>
    private static async Task<IResult> LogoutAsync(RefreshRequest? request, SessionTokens sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.RefreshToken) || request.RefreshToken.Length > 200)
        {
            return ApiProblem.BadRequest("refreshToken is required.");
        }

        await sessions.EndAsync(request.RefreshToken, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateUserAsync(
        CreateUserRequest? request, IUserDirectory users, IOrganisationDirectory organisations, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblem.BadRequest("A JSON body with username, password, role and displayName is required.");
        }

        if (!Validation.IsIdentifier(request.Username))
        {
            return ApiProblem.BadRequest("username must be 1-64 characters of letters, digits, '.', '_' or '-'.");
        }

        if (PasswordPolicy.Check(request.Password, request.Username) is { } weak)
        {
            return LoginProblems.WeakPassword(weak);
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            return ApiProblem.BadRequest($"role must be one of: {string.Join(", ", Roles.All)}.");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
        {
            return ApiProblem.BadRequest("displayName is required (at most 200 characters).");
        }

        var organisation = string.IsNullOrWhiteSpace(request.Organisation) ? null : request.Organisation.Trim();
        if (organisation is not null && await organisations.GetAsync(organisation, cancellationToken) is null)
        {
            return ApiProblem.BadRequest($"organisation '{organisation}' does not exist: create it first (POST /api/organisations).");
        }

        var agbCode = string.IsNullOrWhiteSpace(request.AgbCode) ? null : request.AgbCode.Trim();
        if (agbCode is not null && !AgbCodes.IsValid(agbCode))
        {
            return ApiProblem.BadRequest("agbCode must be an AGB code: 8 digits.");
        }

        if (agbCode is not null && await AgbCodes.FindHolderAsync(users, agbCode, cancellationToken) is { } holder)
        {
            return ApiProblem.Conflict($"AGB code {agbCode} belongs to user '{holder.Username}' already.");
        }

        if (request.Role == Roles.TeamCoordinator
            && (organisation is null || (await organisations.GetAsync(organisation, cancellationToken))?.Kind != Domain.Organisations.OrganisationKind.DistrictNursing))
        {
            return ApiProblem.BadRequest("a team-coordinator belongs to an organisation of kind district-nursing: give its id as organisation.");
        }

        var account = new UserAccount(request.Username!, PasswordHash.Create(request.Password!), request.Role,
            request.DisplayName.Trim(), organisation, clock.GetUtcNow()) { AgbCode = agbCode };
        if (!await users.TryAddAsync(account, cancellationToken))
        {
            return ApiProblem.Conflict($"User '{request.Username}' already exists.");
        }

        return Results.Created($"/api/users/{account.Username}", new { username = account.Username });
    }
}
