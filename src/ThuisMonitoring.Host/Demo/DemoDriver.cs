using Microsoft.Extensions.Options;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Running;
using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Host.Demo;

/// <summary>
/// Demo mode: once the host is ready, seeds a demo region (staff, patients, devices) through the HTTP API and runs
/// the device simulator's scenarios over MQTT in a loop, exactly as real devices would.
/// </summary>
public sealed class DemoDriver(
    SiteOptions site,
    IOptions<MqttBrokerOptions> mqtt,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    public const string DefaultAdminPassword = "demo-beheer-2021";
    public const string StaffPassword = "demo-zorg-2021";

    private readonly ILogger _logger = loggers.CreateLogger<DemoDriver>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var api = ApiAddress();
        try
        {
            var seed = await DemoRegion.SeedAsync(new DemoRegionOptions
            {
                ApiBaseAddress = api,
                AdminPassword = configuration["Auth:AdminPassword"] ?? DefaultAdminPassword,
                StaffPassword = StaffPassword,
                PatientCount = configuration.GetValue("Demo:Patients", 6),
            }, _logger, stoppingToken);

            _logger.LogWarning(
                "Demo running. Console: {ConsoleUrl}  Logins: nurse {Nurse} / {StaffPassword}, clinicians {GeneralPractitioner} and {Pulmonologist} / {StaffPassword}, admin / {AdminPassword}. {PatientCount} simulated patients.",
                api, DemoStaff.Nurse, StaffPassword, DemoStaff.GeneralPractitioner, DemoStaff.Pulmonologist, StaffPassword,
                configuration["Auth:AdminPassword"], seed.Patients.Count);

            await ScenarioRunner.RunAsync(new ScenarioRunOptions
            {
                MqttHost = "127.0.0.1",
                MqttPort = mqtt.Value.Port,
                Loop = true,
                LoggerFactory = loggers,
            }, seed.Patients, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "The demo could not run; the platform itself keeps running");
        }
    }

    private Uri ApiAddress()
    {
        var url = site.Urls[0];
        var host = url.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : url.Host;
        return new Uri($"http://{host}:{url.Port}/");
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken));
        return !stoppingToken.IsCancellationRequested;
    }
}
