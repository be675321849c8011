using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ThuisMonitoring.Web.Auth;

/// <summary>The services of logging in: throttling, sampled refusal logging, tokens and their revocation, TOTP.</summary>
public static class LoginComposition
{
    public static IServiceCollection AddLogins(this IServiceCollection services, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        Require(auth.AccessTokenMinutes > 0 && auth.RefreshTokenHours > 0, "Auth:AccessTokenMinutes and Auth:RefreshTokenHours must be more than 0.");
        var lockout = auth.Lockout;
        Require(lockout.FailuresPerUser > 0 && lockout.FailuresPerAddress > 0 && lockout.RequestsPerMinutePerAddress > 0,
            "Auth:Lockout:FailuresPerUser, FailuresPerAddress and RequestsPerMinutePerAddress must be at least 1.");
        Require(lockout.WindowMinutes > 0 && lockout.FirstLockSeconds > 0 && lockout.MaximumLockMinutes * 60 >= lockout.FirstLockSeconds,
            "Auth:Lockout:WindowMinutes and FirstLockSeconds must be more than 0, and MaximumLockMinutes at least the first lock.");
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<RefusedLoginLog>();
        services.AddSingleton<TotpCodes>();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<HubSessions>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<StaffLogin>();
        services.AddRateLimiter(options => LoginRateLimit.Configure(options, auth));
        return services;
    }

    private static void Require(bool holds, string message)
    {
        if (!holds)
        {
            throw new InvalidOperationException(message);
        }
    }
}
