using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Hubs;
using ThuisMonitoring.Web.Problems;
using ThuisMonitoring.Web.Replay;
using ThuisMonitoring.Web.Reports;

namespace ThuisMonitoring.Web;

/// <summary>Composition of the staff-facing web: JSON, problem details, bearer tokens, the API and the SignalR hub.</summary>
public static class StaffWebExtensions
{
    public static IServiceCollection AddStaffWeb(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        auth.SigningKeyPath = Path.Combine(dataDirectory, "auth-signing.key");
        services.AddSingleton(auth);
        // Built now: a shared key that cannot be read stops the start, not the first login.
        services.AddSingleton(new SigningKey(auth));
        services.AddSingleton<TokenIssuer>();
        services.AddHostedService<AdminBootstrap>();
        services.AddLogins(auth);
        services.AddSingleton<Access.PatientAccess>();
        services.AddSingleton<Hubs.AlertAudience>();
        services.AddSingleton<AlertPresenter>();
        services.AddSingleton<PatientRowCache>();
        services.AddSingleton<PatientListWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<PatientListWarmUp>());
        services.AddSingleton<CareSummary>();
        services.AddSingleton<HandoverServices>();
        services.AddSingleton<Hubs.CareHandoverPush>();
        services.AddSingleton<Hubs.ICareHandoverPush>(sp => sp.GetRequiredService<Hubs.CareHandoverPush>());
        services.AddSingleton<Hubs.IConsolePresence, Hubs.LocalConsolePresence>();
        services.AddSingleton<DeviceRevocation>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<ReviewableAuditTrail>();
        services.AddSingleton<Privacy.PatientDataErasure>();
        services.AddSingleton<Pairing.AppPairing>();
        services.AddSingleton<IAlertNotifier, SignalRAlertNotifier>();
        services.AddSingleton<IPatientSummaryNotifier, SignalRPatientSummaryNotifier>();
        services.AddRegionReports(configuration);
        services.AddSingleton<Capacity.CentreBoard>();
        services.AddSingleton<Capacity.CapacityNudge>();
        services.AddSingleton<Capacity.IntakeServices>();

        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status));
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey>((options, key) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Issuer,
                    IssuerSigningKeys = key.ValidationKeys,
                    RoleClaimType = System.Security.Claims.ClaimTypes.Role,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    // Disabled users, changed passwords and restricted tokens: checked on every request (and hub connection).
                    OnTokenValidated = TokenRevocation.CheckAsync,
                    // Browsers cannot set headers on WebSocket requests: SignalR sends the token in the query.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        await ApiProblem.Unauthorized("A valid bearer token is required: POST /api/auth/token.").ExecuteAsync(context.HttpContext);
                    },
                    OnForbidden = context => ApiProblem.Forbidden("Your role may not do this.").ExecuteAsync(context.HttpContext),
                };
            });
        services.AddAuthorization(Policies.Add);
        services.AddSignalR().AddJsonProtocol(options => Configure(options.PayloadSerializerOptions));
        services.AddPatientListCompression();
        return services;
    }

    /// <summary>Problems the framework raises on its own (no route, wrong method, no JSON) still say what to do.</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status404NotFound => "There is nothing at this address; see docs/http.md for the API.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept this HTTP method; see docs/http.md.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
        StatusCodes.Status413PayloadTooLarge => Security.AnonymousRequestLimit.TooLargeDetail,
        _ => null,
    };

    /// <summary>The one JSON style of the API and the hub: camelCase, enums as kebab-case strings.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }

    public static WebApplication UseStaffWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UsePatientListCompression();
        app.MapAuthEndpoints();
        app.MapPatientEndpoints();
        app.MapAlertEndpoints();
        app.MapProtocolEndpoints();
        app.MapEpisodeEndpoints();
        app.MapVitalsEndpoints();
        app.MapAuditEndpoints();
        app.MapConsentEndpoints();
        app.MapErasureEndpoints();
        app.MapOrganisationEndpoints();
        app.MapClinicianEndpoints();
        app.MapOwnDataEndpoints();
        Pairing.PairingEndpoints.MapPairingEndpoints(app);
        app.MapReplayEndpoints();
        app.MapRegionReportEndpoints();
        Capacity.CapacityEndpoints.MapCapacityEndpoints(app);
        app.MapHub<AlertHub>(AlertHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
