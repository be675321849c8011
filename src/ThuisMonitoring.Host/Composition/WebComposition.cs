using ThuisMonitoring.Fhir;
using ThuisMonitoring.Host.Health;
using ThuisMonitoring.Host.Observability;
using ThuisMonitoring.Host.Operations;
using ThuisMonitoring.Host.Testing;
using ThuisMonitoring.Mqtt.Broker;
using ThuisMonitoring.Web;
using ThuisMonitoring.Web.Console;
using ThuisMonitoring.Web.Security;

namespace ThuisMonitoring.Host.Composition;

public static class WebComposition
{
    public static void AddStaffWeb(this WebApplicationBuilder builder, SiteOptions site) =>
        builder.OrExit(() => builder.Services.AddStaffWeb(builder.Configuration, site.DataDirectory).AddFhir(builder.Configuration));

    /// <summary>The request pipeline: API, hub, console, MQTT over WebSocket and health.</summary>
    public static void MapThuisMonitoring(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseAnonymousRequestLimit();
        app.UseWebSockets();
        app.UseStaffWeb();
        app.MapFhir();
        app.MapTestClock();
        app.MapEndpointCatalogue();
        app.MapDeviceBroker();
        app.MapMonitoringConsole();
        app.MapPatientApp();
        app.MapReadiness();
        app.MapTelemetry();
    }
}
