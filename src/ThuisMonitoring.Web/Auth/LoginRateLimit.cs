using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// ASP.NET Core rate limiting of the anonymous login endpoints per client address
/// (<c>Auth:Lockout:RequestsPerMinutePerAddress</c>, sliding window): a flood cap in front of the failure counts of
/// <see cref="LoginThrottle"/>, refused with the same 429 problem and <c>Retry-After</c>.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login-per-address";

    public static void Configure(RateLimiterOptions options, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auth);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context => RateLimitPartition.GetSlidingWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = auth.Lockout.RequestsPerMinutePerAddress,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        options.OnRejected = (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
            return new ValueTask(LoginProblems.Throttled(retryAfter).ExecuteAsync(context.HttpContext));
        };
    }
}
