using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Domain.Logins;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Auth;

/// <summary>The problem answers of logging in: throttled (429 with Retry-After) and the second-factor ones (401 with a code).</summary>
public static class LoginProblems
{
    public const string TotpRequired = "totp-required";
    public const string TotpInvalid = "totp-invalid";
    public const string TotpEnrolmentRequired = "totp-enrolment-required";

    public static IResult WrongCredentials() => ApiProblem.Unauthorized("Unknown user or wrong password.");

    /// <summary>429 problem details with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static IResult Throttled(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new WithRetryAfter(seconds, Results.Problem(
            detail: $"Too many failed logins; try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["retryAfter"] = seconds }));
    }

    /// <summary>401 problem details whose <c>type</c> and <c>code</c> say what the second factor needs.</summary>
    public static IResult SecondFactor(string code, string detail, IDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Second factor needed",
            type: "urn:thuismonitoring:problem:" + code, extensions: extensions);
    }

    /// <summary>400 problem details naming the password rule broken (<c>rule</c>: too-short, too-long, same-as-username, common).</summary>
    public static IResult WeakPassword(PasswordRefusal refusal, string field = "password")
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var rule = refusal.Rule switch
        {
            PasswordRule.TooShort => "too-short",
            PasswordRule.TooLong => "too-long",
            PasswordRule.SameAsUsername => "same-as-username",
            _ => "common",
        };
        return Results.Problem(
            detail: field == "password" ? refusal.Reason : field + refusal.Reason["password".Length..],
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            type: "urn:thuismonitoring:problem:weak-password",
            extensions: new Dictionary<string, object?> { ["rule"] = rule });
    }

    private sealed class WithRetryAfter(int seconds, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
