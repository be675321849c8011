using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Runtime;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Host.Testing;

/// <summary>
/// <c>Testing:AdjustableClock=true</c>: one <see cref="AdjustableClock"/> is the <see cref="TimeProvider"/> of the whole
/// host (patient grains, stores, API, broker, token issuing and checking) and <c>POST /api/testing/clock</c> moves it
/// (admin). Orleans' own maintenance loops (membership, directory, reminders service) stay on real time, so a jump does
/// not make the silo think it has been silent. Without the setting nothing of this is registered or mapped.
/// </summary>
public static class TestClockComposition
{
    public const string Key = "Testing:AdjustableClock";

    /// <summary>The one clock of the host: the system clock, or the adjustable test clock when configured.</summary>
    public static void AddClock(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue(Key, false))
        {
            builder.Services.AddSingleton(TimeProvider.System);
            return;
        }

        var clock = new AdjustableClock();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        builder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, (sp, _) => sp.GetRequiredService<TimeProvider>());

        // Tokens are issued on the test clock; they must be checked on it too, or a token issued after a jump is "not yet valid".
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var skew = options.TokenValidationParameters.ClockSkew;
            options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value <= now + skew) && (expires is null || expires.Value >= now - skew);
            };
        });
    }

    /// <summary>Maps <c>POST /api/testing/clock {"advanceMinutes"}</c> (admin) when the test clock is on.</summary>
    public static void MapTestClock(this WebApplication app)
    {
        if (app.Services.GetService<AdjustableClock>() is null)
        {
            return;
        }

        app.Logger.LogWarning("Test clock enabled ({Key}): POST /api/testing/clock moves the time of the whole host. Never in production.", Key);
        app.MapPost("/api/testing/clock", (AdvanceClockRequest? request, AdjustableClock clock, ILoggerFactory loggers) =>
        {
            if (request?.AdvanceMinutes is not { } minutes || !double.IsFinite(minutes) || minutes < 0 || minutes > 60 * 24 * 30)
            {
                return ApiProblem.BadRequest("advanceMinutes is required: a number of minutes from 0 to 43200 (30 days).");
            }

            var now = clock.Advance(TimeSpan.FromMinutes(minutes));
            loggers.CreateLogger(typeof(TestClockComposition)).LogWarning(
                "Test clock advanced by {Minutes} minutes to {Now} (offset {Offset})", minutes, now, clock.Offset);
            return Results.Ok(new AdvanceClockResponse(now));
        }).RequireAuthorization(Policies.Admin);
    }
}

/// <summary>Body of <c>POST /api/testing/clock</c>.</summary>
public sealed record AdvanceClockRequest(double? AdvanceMinutes);

/// <summary>The host's time after the move.</summary>
public sealed record AdvanceClockResponse(DateTimeOffset Now);
