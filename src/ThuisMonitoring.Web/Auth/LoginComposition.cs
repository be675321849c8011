using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ThuisMonitoring.Web.Auth;

/// <summary>The services of logging in: throttling, sampled refusal logging, tokens and their revocation, TOTP.</summary>
public static class LoginComposition
{
    public static IServiceCollection AddLogins(this IServiceCollection services, AuthOptions auth)
    {
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
}
