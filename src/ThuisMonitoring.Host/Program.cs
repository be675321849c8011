using ThuisMonitoring.Host.Alerts;
using ThuisMonitoring.Host.Audit;
using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Host.Demo;
using ThuisMonitoring.Host.Health;
using ThuisMonitoring.Host.Notifications;
using ThuisMonitoring.Host.Observability;
using ThuisMonitoring.Host.Operations;
using ThuisMonitoring.Host.Privacy;
using ThuisMonitoring.Host.Replay;
using ThuisMonitoring.Host.Testing;

if (AuditCommand.Matches(args))
{
    Environment.ExitCode = await AuditCommand.RunAsync(args);
    return;
}

if (ReplayCommand.Matches(args))
{
    Environment.ExitCode = await ReplayCommand.RunAsync(args, Console.Out);
    return;
}

// appsettings.json lives beside the assembly, wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var site = builder.OrExit(() => SiteOptions.From(builder.Configuration));

builder.RequireFreePorts(site);
builder.AddPrivateDataDirectory(site);
builder.AddGracefulShutdown();

builder.AddClock();
builder.AddRecordFaults();
builder.AddListeners(site);
builder.AddDemo(site);
builder.AddSilo(site);
builder.AddEmbeddedStores(site);
builder.AddTimeSeries(site);
builder.AddPrivacy(site);
builder.AddDeviceIngestion();
builder.AddStaffWeb(site);
builder.AddTelemetry();
builder.AddResilienceLogging();
builder.AddClusterAlerts(site);
builder.AddClusterConsoles(site);
builder.AddClusterPatientSummaries(site);
builder.AddNotificationHook();
builder.AddAlertWatch();
builder.AddReadiness();

var app = builder.Build();
app.MapThuisMonitoring();
app.Run();
