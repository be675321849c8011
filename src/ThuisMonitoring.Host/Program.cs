using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Host.Demo;
using ThuisMonitoring.Host.Health;
using ThuisMonitoring.Host.Notifications;

var builder = WebApplication.CreateBuilder(args);
var site = SiteOptions.From(builder.Configuration);

builder.AddListeners(site);
builder.AddDemo(site);
builder.AddSilo(site);
builder.AddEmbeddedStores(site);
builder.AddTimeSeries(site);
builder.AddDeviceIngestion();
builder.AddStaffWeb(site);
builder.AddNotificationHook();
builder.AddReadiness();

var app = builder.Build();
app.MapThuisMonitoring();
app.Run();
