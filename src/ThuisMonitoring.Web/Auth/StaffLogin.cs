using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// <c>POST /api/auth/token</c> step by step: throttled first (429), then the password — checked against a dummy hash
/// of the same cost when the user does not exist, so an unknown username takes as long as a wrong password — then
/// the second factor when the user has one or their organisation requires one, then the tokens.
/// </summary>
public sealed class StaffLogin(
    IUserDirectory users,
    LoginThrottle throttle,
    RefusedLoginLog refusals,
    TotpCodes totp,
    TokenIssuer issuer,
    SessionTokens sessions,
    AuthOptions options)
{
    private readonly string _dummyHash = PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));

    public async Task<IResult> SignInAsync(TokenRequest? request, IPAddress? address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblem.BadRequest("Both username and password are required.");
        }

        var username = request.Username;
        if (throttle.RetryAfter(username, address) is { } wait)
        {
            refusals.Refused(username, address, "throttled", locked: true);
            return LoginProblems.Throttled(wait);
        }

        var user = await users.FindAsync(username, cancellationToken);
        var passwordRight = PasswordHash.Verify(request.Password, user?.PasswordHash ?? _dummyHash);
        if (user is null || !passwordRight || user.Disabled)
        {
            return Refuse(username, address, user is null ? "unknown user" : user.Disabled && passwordRight ? "user disabled" : "wrong password");
        }

        if (user.Totp is { Confirmed: true } enrolment)
        {
            if (string.IsNullOrWhiteSpace(request.Totp))
            {
                return LoginProblems.SecondFactor(LoginProblems.TotpRequired, "This login needs the 6-digit code of your authenticator app: send it as totp.");
            }

            if (totp.Match(enrolment, request.Totp) is not { } step
                || !await users.TryReplaceAsync(user, user with { Totp = enrolment with { LastUsedStep = step } }, cancellationToken))
            {
                Refuse(username, address, "wrong or reused TOTP code");
                return LoginProblems.SecondFactor(LoginProblems.TotpInvalid, "The code is wrong, expired or already used; wait for the next one.");
            }

            user = user with { Totp = enrolment with { LastUsedStep = step } };
        }
        else if (options.RequiresTotp(user.Organisation))
        {
            var (enrolmentToken, expiresIn) = issuer.IssueEnrolment(user);
            return LoginProblems.SecondFactor(LoginProblems.TotpEnrolmentRequired,
                "Your organisation requires a second factor. Enrol an authenticator app first: POST /api/me/totp and then POST /api/me/totp/confirm with enrolmentToken as the bearer token.",
                new Dictionary<string, object?> { ["enrolmentToken"] = enrolmentToken, ["expiresIn"] = expiresIn });
        }

        throttle.Succeeded(username);
        return Results.Ok(await sessions.StartAsync(user, cancellationToken));
    }

    private IResult Refuse(string username, IPAddress? address, string reason)
    {
        throttle.Failed(username, address);
        refusals.Refused(username, address, reason, locked: false);
        return LoginProblems.WrongCredentials();
    }
}
