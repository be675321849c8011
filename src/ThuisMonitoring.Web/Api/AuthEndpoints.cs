using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary><c>POST /api/auth/token</c>, <c>POST /api/users</c> and <c>GET /api/users?role=</c> (colleagues for pickers).</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous();
        app.MapPost("/api/users", CreateUserAsync).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/users", ListStaffAsync).RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>Staff by role (nurse, clinician, admin; all staff when omitted): username, display name and role, no more.</summary>
    private static async Task<IResult> ListStaffAsync(string? role, IUserDirectory users, CancellationToken cancellationToken)
    {
        string[] staff = [Roles.Nurse, Roles.Clinician, Roles.Admin];
        if (!string.IsNullOrEmpty(role) && !staff.Contains(role))
        {
            return ApiProblem.BadRequest("role must be nurse, clinician or admin.");
        }

        var listed = await users.ListAsync(string.IsNullOrEmpty(role) ? null : role, cancellationToken);
        return Results.Ok(listed
            .Where(u => staff.Contains(u.Role))
            .Select(u => new StaffMemberDto(u.Username, u.DisplayName, u.Role))
            .ToList());
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest? request, IUserDirectory users, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblem.BadRequest("Both username and password are required.");
        }

        var user = await users.FindAsync(request.Username, cancellationToken);
        if (user is null || !PasswordHash.Verify(request.Password, user.PasswordHash))
        {
            return ApiProblem.Unauthorized("Unknown user or wrong password.");
        }

        var (token, expiresIn) = tokens.Issue(user);
        return Results.Ok(new TokenResponse(token, expiresIn, user.Username, user.Role, user.DisplayName));
    }

    private static async Task<IResult> CreateUserAsync(CreateUserRequest? request, IUserDirectory users, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblem.BadRequest("A JSON body with username, password, role and displayName is required.");
        }

        if (!Validation.IsIdentifier(request.Username))
        {
            return ApiProblem.BadRequest("username must be 1-64 characters of letters, digits, '.', '_' or '-'.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length < 8)
        {
            return ApiProblem.BadRequest("password must be at least 8 characters.");
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            return ApiProblem.BadRequest($"role must be one of: {string.Join(", ", Roles.All)}.");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
        {
            return ApiProblem.BadRequest("displayName is required (at most 200 characters).");
        }

        var account = new UserAccount(request.Username!, PasswordHash.Create(request.Password), request.Role,
            request.DisplayName.Trim(), string.IsNullOrWhiteSpace(request.Organisation) ? null : request.Organisation.Trim(), clock.GetUtcNow());
        if (!await users.TryAddAsync(account, cancellationToken))
        {
            return ApiProblem.Conflict($"User '{request.Username}' already exists.");
        }

        return Results.Created($"/api/users/{account.Username}", new { username = account.Username });
    }
}
