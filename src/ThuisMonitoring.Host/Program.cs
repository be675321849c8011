using ThuisMonitoring.Host.Alerts;
using ThuisMonitoring.Host.Audit;
using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Host.Demo;
using ThuisMonitoring.Host.Health;
using ThuisMonitoring.Host.Notifications;
using ThuisMonitoring.Host.Privacy;
using ThuisMonitoring.Host.Testing;

if (AuditCommand.Matches(args))
{
    Environment.ExitCode = await AuditCommand.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);
var site = SiteOptions.From(builder.Configuration);

builder.AddClock();
builder.AddListeners(site);
builder.AddDemo(site);
builder.AddSilo(site);
builder.AddEmbeddedStores(site);
builder.AddTimeSeries(site);
builder.AddPrivacy(site);
builder.AddDeviceIngestion();
builder.AddStaffWeb(site);
builder.AddNotificationHook();
builder.AddAlertWatch();
builder.AddReadiness();

var app = builder.Build();
app.MapThuisMonitoring();
app.Run();
