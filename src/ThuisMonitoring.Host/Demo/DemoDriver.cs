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

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Hosted services stop in reverse order and this one was added before the listeners and the silo: the
        // simulated devices stop as soon as the host is asked to (SIGTERM), not after the broker and silo are gone.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
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

            var patientApp = new Uri(api, "app/");
            _logger.LogInformation(
                "Demo running with {PatientCount} simulated patients.\n  Console:     {ConsoleUrl}\n  Patient app: {PatientAppUrl}\n  Logins:      nurse {Nurse} / {StaffPassword}; clinicians {GeneralPractitioner} and {Pulmonologist} / {StaffPassword}; admin / {AdminPassword}",
                seed.Patients.Count, api, await PatientAppLineAsync(patientApp, seed.Patients, stoppingToken),
                DemoStaff.Nurse, StaffPassword, DemoStaff.GeneralPractitioner, DemoStaff.Pulmonologist, StaffPassword,
                configuration["Auth:AdminPassword"]);

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

    /// <summary>The app paired to the first simulated patient (its one-time link), or the app's address when that failed.</summary>
    private async Task<string> PatientAppLineAsync(Uri patientApp, IReadOnlyList<SimulatedPatient> patients, CancellationToken cancellationToken)
    {
        if (!await IsServedAsync(patientApp, cancellationToken))
        {
            return $"{patientApp} (not served)";
        }

        var first = patients.Count > 0 ? patients[0] : null;
        var pairing = first is null
            ? null
            : await DemoAppPairing.PairAsync(ApiAddress(), configuration["Auth:AdminPassword"] ?? DefaultAdminPassword, first, cancellationToken);
        return pairing is null ? patientApp.ToString() : $"{pairing} (opens the app of {first!.Name}, paired; the link works once, for 24 h)";
    }

    /// <summary>The banner names the patient app only as an address that answers.</summary>
    private static async Task<bool> IsServedAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Uri ApiAddress()
    {
        var url = site.Urls.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp) ?? site.Urls[0];
        var host = url.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : url.Host;
        return new Uri($"{url.Scheme}://{host}:{url.Port}/");
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken));
        return !stoppingToken.IsCancellationRequested;
    }
}
