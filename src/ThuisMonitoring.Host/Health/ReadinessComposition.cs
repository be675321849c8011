using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ThuisMonitoring.Host.Health;

public static class ReadinessComposition
{
    public static void AddReadiness(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<BrokerReadiness>("broker")
            .AddCheck<SiloReadiness>("silo")
            .AddCheck<StoreReadiness>("stores")
            .AddCheck<PatientListReadiness>("patient-list");

    /// <summary><c>GET /health/ready</c>: 200 only when broker, silo and stores are ready and the patient list is prepared, else 503.</summary>
    public static void MapReadiness(this WebApplication app) =>
        app.MapHealthChecks("/health/ready", new HealthCheckOptions()).AllowAnonymous();
}
